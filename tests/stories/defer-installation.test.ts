import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allBut, crewKeys, ORDER_PATH, orderBody, runCrewsUntilDone, validMeasurements, WORK_ORDER_PATH, workOrdersOf } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();

const stateOf = async (id: string) => (await svc.db('product_orders').where({ id }).first()).state as string;
test('deferred to a date a few seconds ahead: nothing is dispatched before it, and the order resumes by itself', async () => {
  await svc.restartWorkers(allBut('order.design'));
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const orderId = order.body.id as string;
  await waitFor('decomposed', async () => (await svc.db('trace_events').where({ order_id: orderId, step: 'order.decompose' })).length === 1);
  const clockBefore = await svc.db('deadlines').where({ subject_id: orderId, step: 'order' }).first();

  const until = new Date(Date.now() + 4000);
  const deferred = await call('POST', `/api/v1/orders/${orderId}/defer`, {
    key: svc.keys.crm, body: { until: until.toISOString(), reason: 'customer abroad until next week' },
  });
  assert.equal(deferred.status, 200, JSON.stringify(deferred.body));
  assert.equal(deferred.body.state, 'held');
  assert.equal((await svc.db('deadlines').where({ subject_id: orderId, step: 'order' }).first()).state, 'paused');

  await svc.restartWorkers(); // design goes on; dispatch must wait for the date
  await waitFor('resumed by itself', async () => (await stateOf(orderId)) === 'inProgress', 20_000);
  assert.ok(Date.now() >= until.getTime(), 'not before the date');
  const wos = await waitFor('work orders', async () => {
    const rows = await svc.db('work_orders').where({ order_id: orderId });
    return rows.length === 4 ? rows : undefined;
  });
  assert.ok(wos.every((w) => new Date(w.created_at) >= until), 'nothing dispatched before the date');
  const clockAfter = await svc.db('deadlines').where({ subject_id: orderId, step: 'order' }).first();
  assert.equal(clockAfter.state, 'running');
  assert.ok(new Date(clockAfter.due_at).getTime() - new Date(clockBefore.due_at).getTime() >= 3000, 'the limit moved by the hold');
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
});

test('deferred with work orders out: they are suspended, a close is refused, and an early resume gives them back', async () => {
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const orderId = order.body.id as string;
  const wos = await workOrdersOf(svc, orderId, 4);
  const keyOf = crewKeys(svc);
  const line = wos.find((w) => w.category === 'line')!;
  const lineKey = await keyOf(line.relatedParty[0].id);
  await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'inProgress' } });

  const until = new Date(Date.now() + 3600_000).toISOString();
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/defer`, { key: svc.keys.crm, body: { until, reason: 'renovation' } })).status, 200);
  const held = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
  assert.deepEqual(held.body.map((w: any) => w.state), ['held', 'held', 'held', 'held']);
  const refused = await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'completed', measurements: validMeasurements.line } });
  assert.equal(refused.status, 409);
  assert.match(refused.body.message, /on hold/);
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/defer`, { key: svc.keys.crm, body: { until: new Date(Date.now() - 1000).toISOString(), reason: 'x' } })).status, 409);

  const resumed = await call('POST', `/api/v1/orders/${orderId}/resume`, { key: svc.keys.crm });
  assert.equal(resumed.status, 200);
  assert.equal(resumed.body.state, 'inProgress');
  const back = await svc.db('work_orders').where({ id: line.id }).first();
  assert.equal(back.state, 'inProgress', 'the accepted one is the crew\'s again');
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/resume`, { key: svc.keys.crm })).status, 409);
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  assert.equal((await call('POST', `/api/v1/orders/${orderId}/defer`, { key: svc.keys.crm, body: { until, reason: 'x' } })).status, 409, 'a completed order cannot be deferred');
});
