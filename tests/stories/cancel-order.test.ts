import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { allBut, closeOpenWorkOrders, crewKeys, ORDER_PATH, orderBody, runCrewsUntilDone, validMeasurements, WORK_ORDER_PATH, workOrdersOf } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();
const CANCEL_PATH = '/tmf-api/productOrderingManagement/v4/cancelProductOrder';

async function stateOf(orderId: string) {
  return (await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm })).body.state as string;
}
const waitState = (orderId: string, state: string) =>
  waitFor(`order ${orderId} ${state}`, async () => (await stateOf(orderId)) === state, 30_000);

test('cancel before design: the order is cancelled, nothing was reserved or dispatched', async () => {
  // No design and no compensation workers yet: the order stops before design, the cancel stays open.
  await svc.restartWorkers(allBut('order.design', 'order.cancel'));
  try {
    const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
    const orderId = order.body.id;
    await waitFor('review done', async () => (await svc.db('trace_events').where({ order_id: orderId, step: 'order.decompose' })).length === 1);
    const cancel = await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: orderId }, cancellationReason: 'customer moved house' } });
    assert.equal(cancel.status, 201);
    assert.equal(cancel.body.state, 'inProgress');
    assert.equal(await stateOf(orderId), 'pendingCancellation');
    const again = await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: orderId } } });
    assert.equal(again.body.id, cancel.body.id, 'a second request while one is open is the same cancel');

    await svc.restartWorkers();
    await waitState(orderId, 'cancelled');
    const task = await call('GET', `${CANCEL_PATH}/${cancel.body.id}`, { key: svc.keys.crm });
    assert.equal(task.body.state, 'done');
    assert.ok(task.body.effectiveCancellationDate);
    assert.equal((await svc.db('network_resources').where({ order_id: orderId })).length, 0);
    assert.equal((await svc.db('work_orders').where({ order_id: orderId })).length, 0);
    const states = (await svc.db('trace_events').where({ order_id: orderId, kind: 'state' }).orderBy('id')).map((e) => e.outcome);
    assert.deepEqual(states, ['acknowledged', 'inProgress', 'assessingCancellation', 'pendingCancellation', 'cancelled']);
    assert.equal((await svc.db('deadlines').where({ subject_id: orderId }).whereNot({ state: 'done' })).length, 0, 'clocks stopped');
  } finally {
    await svc.restartWorkers();
  }
});

test('cancel during construction: open work orders are cancelled, resources released, a late close is refused and recorded', async () => {
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const orderId = order.body.id;
  const wos = await workOrdersOf(svc, orderId, 4);
  const keyOf = crewKeys(svc);
  const line = wos.find((w) => w.category === 'line')!;
  const lineKey = await keyOf(line.relatedParty[0].id);
  assert.equal((await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'inProgress' } })).status, 200);
  assert.equal((await svc.db('network_resources').where({ order_id: orderId })).length, 5);

  const cancel = await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: orderId }, cancellationReason: 'changed provider' } });
  assert.equal(cancel.body.state, 'inProgress');
  await waitState(orderId, 'cancelled');

  const after = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
  assert.deepEqual(after.body.map((w: any) => w.state), ['cancelled', 'cancelled', 'cancelled', 'cancelled']);
  const crewView = await call('GET', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey });
  assert.equal(crewView.body.state, 'cancelled', 'the crew sees it cancelled');
  assert.equal((await svc.db('network_resources').where({ order_id: orderId })).length, 0, 'every reservation released');

  const late = await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'completed', measurements: validMeasurements.line } });
  assert.equal(late.status, 409);
  assert.match(late.body.message, /cancelled/);
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'close reported after cancellation'));
  assert.ok(trace.body.steps.some((s: any) => s.step === 'order.cancel' && s.outcome === 'cancelled'));
});

test('cancel after the point of no return is refused, and the order completes', async () => {
  await svc.restartWorkers(allBut('order.archive'));
  let orderId = '';
  try {
    const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
    orderId = order.body.id;
    await waitFor('the point of no return', async () => {
      await closeOpenWorkOrders(svc, orderId);
      return (await svc.db('product_orders').where({ id: orderId }).first()).ponr_at;
    }, 60_000, 300);
    const cancel = await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: orderId } } });
    assert.equal(cancel.status, 201);
    assert.equal(cancel.body.state, 'terminatedWithError');
    assert.match(cancel.body.errorMessage, /point of no return/);
    assert.equal(await stateOf(orderId), 'inProgress', 'the order carries on');
  } finally {
    await svc.restartWorkers();
  }
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const done = await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: orderId } } });
  assert.match(done.body.errorMessage, /already completed/);
  assert.equal((await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: { productOrder: { id: randomUUID() } } })).status, 404);
  assert.equal((await call('POST', CANCEL_PATH, { key: svc.keys.crm, body: {} })).status, 400);
  const list = await call('GET', `${CANCEL_PATH}?productOrder.id=${orderId}`, { key: svc.keys.crm });
  assert.equal(list.body.length, 2);
});
