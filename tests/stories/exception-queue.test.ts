import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORDER_PATH, orderBody, productWithOwnWork, runCrewsUntilDone } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();

async function failingOrder() {
  // A product whose line work needs a kind of work order nobody defined: a catalog mistake that
  // makes dispatch fail on every try, as bad reference data does in real life.
  const { offering, kind } = await productWithOwnWork(svc.db, { defineKind: false });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [offering] }) });
  const exception = await waitFor('the exception', async () => {
    const r = await call('GET', `/api/v1/exceptions?orderId=${order.body.id}`, { key: svc.keys.dispatcher });
    return r.body[0];
  }, 60_000, 500);
  return { orderId: order.body.id as string, kind, exception };
}

test('a worker fails three times → the exception queue shows it → retry after fixing the data → the order completes', async () => {
  const { orderId, kind, exception } = await failingOrder();
  assert.equal(exception.elementId, 'Activity_DispatchWorkOrder');
  assert.equal(exception.errorType, 'JOB_NO_RETRIES');
  assert.match(exception.errorMessage, new RegExp(`unknown work order kind ${kind}`));
  assert.equal(exception.bpmnProcessId, 'work-order');
  assert.equal(await svc.db('trace_events').where({ order_id: orderId, step: 'work-order.dispatch' }).then((r) => r.length), 0);

  // The dispatcher has the catalog fixed, then retries.
  await svc.db('work_order_kinds').insert({ kind, name: 'Fibre splicing', skill: 'line' });
  const retried = await call('POST', `/api/v1/exceptions/${exception.incidentKey}/retry`, { key: svc.keys.dispatcher, body: { note: 'work order kind added to the catalog' } });
  assert.equal(retried.status, 200);
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  assert.equal((await call('GET', `/api/v1/exceptions?orderId=${orderId}`, { key: svc.keys.dispatcher })).body.length, 0);
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'exception retry' && e.details.reason === 'work order kind added to the catalog'));
});

test('skip: the step is done outside the system, the dispatcher says why, and the order goes on', async () => {
  const { orderId, exception } = await failingOrder();
  assert.equal((await call('POST', `/api/v1/exceptions/${exception.incidentKey}/skip`, { key: svc.keys.dispatcher, body: {} })).status, 400, 'a reason is required');
  const skipped = await call('POST', `/api/v1/exceptions/${exception.incidentKey}/skip`, {
    key: svc.keys.dispatcher, body: { reason: 'spliced by the maintenance crew on site, paper ticket 4471', variables: { alreadyClosed: true } },
  });
  assert.equal(skipped.status, 200, JSON.stringify(skipped.body));
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'exception skip' && /paper ticket 4471/.test(e.details.reason)));
  assert.equal((await svc.db('work_orders').where({ order_id: orderId })).length, 0, 'no work order was made for the skipped step');
});

test('abort: the order ends failed with compensation, and its flow is gone from the engine', async () => {
  const { orderId, exception } = await failingOrder();
  assert.ok((await svc.db('network_resources').where({ order_id: orderId })).length > 0, 'design had reserved resources');
  const aborted = await call('POST', `/api/v1/exceptions/${exception.incidentKey}/abort`, { key: svc.keys.dispatcher, body: { reason: 'product withdrawn' } });
  assert.equal(aborted.status, 200);
  const order = await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm });
  assert.equal(order.body.state, 'failed');
  assert.match(order.body.stateReason, /aborted by the dispatcher: product withdrawn/);
  assert.equal((await svc.db('network_resources').where({ order_id: orderId })).length, 0, 'reservations released');
  await waitFor('the instance terminated', async () => {
    const o = await svc.db('product_orders').where({ id: orderId }).first();
    const p = await svc.db('zeebe_process_instances').where({ key: o.process_instance_key }).first();
    return p?.state === 'terminated';
  });
  assert.equal((await call('POST', `/api/v1/exceptions/${exception.incidentKey}/retry`, { key: svc.keys.dispatcher, body: {} })).status, 404);
});
