import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestArea, ORDER_PATH, orderBody, runCrewsUntilDone } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();

async function finalState(orderId: string) {
  return waitFor(`order ${orderId} to end`, async () => {
    const o = await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm });
    return ['rejected', 'failed', 'completed', 'cancelled'].includes(o.body.state) ? o.body : undefined;
  });
}

test('a blacklisted customer\'s order ends rejected with the reason, and nothing stays reserved', async () => {
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer: 'cust-9001', offerings: ['ftth-300m'] }) });
  assert.equal(created.status, 201);
  const order = await finalState(created.body.id);
  assert.equal(order.state, 'rejected');
  assert.match(order.stateReason, /blacklisted/);
  assert.equal((await svc.db('network_resources').where({ order_id: created.body.id })).length, 0);
  assert.equal((await svc.db('work_orders').where({ order_id: created.body.id })).length, 0);
});

test('a customer over the credit limit is rejected at review', async () => {
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer: 'cust-9002', offerings: ['ftth-300m'] }) });
  const order = await finalState(created.body.id);
  assert.equal(order.state, 'rejected');
  assert.match(order.stateReason, /credit limit/);
});

test('an address outside coverage is rejected at review', async () => {
  const { address } = await createTestArea(svc.db, {});
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'] }) });
  const order = await finalState(created.body.id);
  assert.equal(order.state, 'rejected');
  assert.match(order.stateReason, /outside fibre coverage/);
});

test('with no capacity left the order does not hang: it waits visibly as pending, with the reason, holding nothing', async () => {
  // A PON port but no splitter port: design would reserve the port, then finds no splitter.
  const { address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1, ip_address: 1, vlan: 1 });
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'] }) });
  const order = await waitFor('pending', async () => {
    const o = await call('GET', `${ORDER_PATH}/${created.body.id}`, { key: svc.keys.crm });
    return o.body.state === 'pending' ? o.body : undefined;
  });
  assert.match(order.stateReason, /no splitter_port available/);
  assert.equal((await svc.db('network_resources').where({ order_id: created.body.id })).length, 0, 'the design holds nothing while it waits');
  assert.equal((await svc.db('work_orders').where({ order_id: created.body.id })).length, 0, 'nothing dispatched');
  const trace = await call('GET', `/api/v1/orders/${created.body.id}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.steps.some((s: any) => s.step === 'order.pend' && s.outcome === 'pending'));
});

test('two orders race for the last port: exactly one gets it', async () => {
  const { address, area } = await createTestArea(svc.db, { pon_port: 1, splitter_port: 1, line_segment: 1, ip_address: 1, vlan: 1 });
  const [a, b] = await Promise.all([1, 2].map(() => call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'] }) })));
  // The loser waits for capacity; the winner is worked by the crews until it completes.
  const loser = await waitFor('one order pending', async () => {
    for (const r of [a!, b!]) if ((await svc.db('product_orders').where({ id: r.body.id }).first()).state === 'pending') return r.body.id as string;
    return undefined;
  });
  const winner = [a!, b!].find((r) => r.body.id !== loser)!.body.id as string;
  assert.equal(await runCrewsUntilDone(svc, winner), 'completed');
  assert.equal((await svc.db('product_orders').where({ id: loser }).first()).state, 'pending');
  const port = await svc.db('network_resources').where({ area, type: 'pon_port' }).first();
  assert.equal(port.state, 'assigned');
  assert.equal(port.order_id, winner);
});
