import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestArea, ORDER_PATH, orderBody, productWithOwnWork, WORK_ORDER_PATH, workOrdersOf } from '../../support/fixtures.js';
import { waitFor } from '../../support/http.js';
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

test('a crew returns a work order with a reason: it goes to another crew of the skill, then to the dispatcher, who hands it on; the flow still completes', async () => {
  const { area, address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1 });
  const { offering } = await productWithOwnWork(svc.db, { defineKind: true });
  const first = `crew-${area}-line`;
  const second = `crew-${area}-line-2`;
  await svc.db('crews').insert({ id: second, name: `${area} second line crew`, area, skills: ['line'] });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [offering], address }) });
  const [wo] = await workOrdersOf(svc, order.body.id, 1);
  assert.equal(wo.relatedParty[0].id, first);
  const firstKey = await svc.crewKey(first);
  const secondKey = await svc.crewKey(second);

  assert.equal((await call('POST', `${WORK_ORDER_PATH}/${wo.id}/return`, { key: firstKey, body: {} })).status, 400, 'a reason is required');
  assert.equal((await call('POST', `${WORK_ORDER_PATH}/${wo.id}/return`, { key: secondKey, body: { reason: 'not ours' } })).status, 403);
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: firstKey, body: { state: 'inProgress' } });
  const returned = await call('POST', `${WORK_ORDER_PATH}/${wo.id}/return`, { key: firstKey, body: { reason: 'no access to the building' } });
  assert.equal(returned.status, 200);
  assert.equal(returned.body.state, 'acknowledged');
  assert.equal(returned.body.startDate, undefined);
  assert.deepEqual(returned.body.relatedParty.map((p: any) => p.id), [second]);
  assert.equal((await call('GET', `${WORK_ORDER_PATH}/${wo.id}`, { key: firstKey })).status, 403, 'the first crew no longer has it');

  // The second crew returns it too: no crew of the skill is left in the area, so it waits for the dispatcher.
  const queued = await call('POST', `${WORK_ORDER_PATH}/${wo.id}/return`, { key: secondKey, body: { reason: 'needs a splicing kit we lack' } });
  assert.deepEqual(queued.body.relatedParty, []);
  const unassigned = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${order.body.id}`, { key: svc.keys.dispatcher });
  assert.deepEqual(unassigned.body[0].relatedParty, []);

  assert.equal((await call('POST', `${WORK_ORDER_PATH}/${wo.id}/assign`, { key: firstKey, body: { crewId: first } })).status, 403, 'crews do not assign');
  assert.equal((await call('POST', `${WORK_ORDER_PATH}/${wo.id}/assign`, { key: svc.keys.dispatcher, body: { crewId: `crew-${area}-network` } })).status, 400, 'the crew lacks the skill');
  const assigned = await call('POST', `${WORK_ORDER_PATH}/${wo.id}/assign`, { key: svc.keys.dispatcher, body: { crewId: first } });
  assert.deepEqual(assigned.body.relatedParty.map((p: any) => p.id), [first]);

  const trace = await call('GET', `/api/v1/orders/${order.body.id}/trace`, { key: svc.keys.dispatcher });
  const moves = trace.body.events.filter((e: any) => e.details?.workOrderId === wo.id && e.kind === 'action');
  assert.deepEqual(moves.map((e: any) => [e.outcome, e.details.fromCrew, e.details.toCrew, e.details.reason]), [
    ['work order accepted', undefined, undefined, undefined],
    ['work order returned and reassigned', first, second, 'no access to the building'],
    ['work order returned to the dispatcher', second, null, 'needs a splicing kit we lack'],
    ['work order assigned', null, first, undefined],
  ]);

  // The flow waits on the same work order id all along: the close resumes it.
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: firstKey, body: { state: 'inProgress' } });
  assert.equal((await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: firstKey, body: { state: 'completed' } })).status, 200);
  await waitFor('the order to complete', async () => (await call('GET', `${ORDER_PATH}/${order.body.id}`, { key: svc.keys.crm })).body.state === 'completed');
  const closed = await call('POST', `${WORK_ORDER_PATH}/${wo.id}/return`, { key: firstKey, body: { reason: 'too late' } });
  assert.equal(closed.status, 409);
});
