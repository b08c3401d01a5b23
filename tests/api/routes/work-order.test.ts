import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORDER_PATH, orderBody, WORK_ORDER_PATH, workOrdersOf } from '../../support/fixtures.js';
import { serviceForThisFile } from '../../support/service.js';

const { svc, call } = serviceForThisFile();

test('a crew sees and works only its own work orders; measurements are validated; a close is final', async () => {
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const wos = await workOrdersOf(svc, order.body.id, 4);
  const measurement = wos.find((w) => w.category === 'measurement')!;
  const owner = await svc.crewKey(measurement.relatedParty[0].id);
  const other = await svc.crewKey('crew-hz-bj-measurement');

  const mine = await call('GET', WORK_ORDER_PATH, { key: owner });
  assert.ok(mine.body.some((w: any) => w.id === measurement.id));
  assert.ok(mine.body.every((w: any) => w.relatedParty[0].id === measurement.relatedParty[0].id));
  assert.ok(!(await call('GET', WORK_ORDER_PATH, { key: other })).body.some((w: any) => w.id === measurement.id));
  assert.equal((await call('GET', `${WORK_ORDER_PATH}/${measurement.id}`, { key: other })).status, 403);
  assert.equal((await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, { key: other, body: { state: 'inProgress' } })).status, 403);

  const accepted = await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, { key: owner, body: { state: 'inProgress' } });
  assert.equal(accepted.status, 200);
  assert.equal(accepted.body.state, 'inProgress');

  const missing = await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, {
    key: owner, body: { state: 'completed', measurements: { opticalPowerDbm: -18 } },
  });
  assert.equal(missing.status, 400);
  assert.match(missing.body.message, /downloadMbps is required/);
  const outOfRange = await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, {
    key: owner, body: { state: 'completed', measurements: { opticalPowerDbm: -45, downloadMbps: 300 } },
  });
  assert.equal(outOfRange.status, 400);
  assert.match(outOfRange.body.message, /at least -30 dBm/);
  assert.equal((await svc.db('work_orders').where({ id: measurement.id }).first()).state, 'inProgress', 'a refused close changes nothing');

  const closed = await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, {
    key: owner, body: { state: 'completed', result: 'done', measurements: { opticalPowerDbm: -19.2, downloadMbps: 305 } },
  });
  assert.equal(closed.status, 200);
  assert.equal(closed.body.state, 'completed');
  assert.deepEqual(closed.body.measurements, { opticalPowerDbm: -19.2, downloadMbps: 305 });
  const again = await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, {
    key: owner, body: { state: 'completed', measurements: { opticalPowerDbm: -19.2, downloadMbps: 305 } },
  });
  assert.equal(again.status, 409);
  assert.equal((await call('PATCH', `${WORK_ORDER_PATH}/${measurement.id}`, { key: owner, body: { state: 'cancelled' } })).status, 400);
});
