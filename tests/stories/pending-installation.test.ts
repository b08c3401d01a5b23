import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestArea, ORDER_PATH, orderBody, runCrewsUntilDone } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();
const RESOURCE_PATH = '/tmf-api/resourceInventoryManagement/v4/resource';

const stateOf = async (id: string) => (await svc.db('product_orders').where({ id }).first()).state as string;
const waitState = (id: string, state: string) => waitFor(`${id} ${state}`, async () => (await stateOf(id)) === state, 30_000);

async function order(address: string, priority: string) {
  const r = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'], priority }) });
  await waitState(r.body.id, 'pending');
  return r.body.id as string;
}

test('no capacity → pending; as capacity is added the highest-priority, then oldest, pending order resumes first', async () => {
  // Everything but splitter ports, for three orders.
  const { area, address } = await createTestArea(svc.db, { pon_port: 3, line_segment: 3, ip_address: 3, vlan: 3 });
  const low = await order(address, '4'); // oldest, lowest priority
  const urgentOld = await order(address, '2');
  const urgentNew = await order(address, '2');

  // While it waits, the order's time limit stands still.
  const clock = await svc.db('deadlines').where({ subject_id: low, step: 'order' }).first();
  assert.equal(clock.state, 'paused');

  const addSplitterPort = (n: number) => call('POST', RESOURCE_PATH, {
    key: svc.keys.nms, body: { name: `SPL-${area}-NEW:${n}`, category: 'splitter_port', place: [{ id: area }] },
  });
  const resumedOrder: string[] = [];
  for (const n of [1, 2, 3]) {
    const added = await addSplitterPort(n);
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.usageState, 'idle');
    const next = await waitFor('an order to leave the queue', async () => {
      for (const id of [urgentOld, urgentNew, low]) if (!resumedOrder.includes(id) && (await stateOf(id)) !== 'pending') return id;
      return undefined;
    });
    resumedOrder.push(next);
    // The others still wait: one port serves one order.
    for (const id of [urgentOld, urgentNew, low].filter((x) => !resumedOrder.includes(x))) assert.equal(await stateOf(id), 'pending');
    assert.equal(await runCrewsUntilDone(svc, next), 'completed');
  }
  assert.deepEqual(resumedOrder, [urgentOld, urgentNew, low]);

  const after = await svc.db('deadlines').where({ subject_id: low, step: 'order' }).first();
  assert.ok(new Date(after.due_at) > new Date(clock.due_at), 'the limit moved by the time spent waiting');
  const trace = await call('GET', `/api/v1/orders/${low}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'capacity offered'));
  assert.equal((await call('POST', RESOURCE_PATH, { key: svc.keys.nms, body: { name: `SPL-${area}-NEW:1`, category: 'splitter_port', place: [{ id: area }] } })).status, 409);
  assert.equal((await call('POST', RESOURCE_PATH, { key: svc.keys.crm, body: { name: 'x', category: 'vlan', place: [{ id: area }] } })).status, 403);
});

test('a dispatcher can force a retry; with still no capacity the order goes back to waiting', async () => {
  const { address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1, ip_address: 1, vlan: 1 });
  const id = await order(address, '4');
  const retry = await call('POST', `/api/v1/orders/${id}/retry-capacity`, { key: svc.keys.dispatcher });
  assert.equal(retry.status, 202);
  await waitFor('a second pend', async () => (await svc.db('trace_events').where({ order_id: id, step: 'order.pend' })).length === 2);
  assert.equal(await stateOf(id), 'pending');
  const notPending = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  await waitFor('in progress', async () => (await stateOf(notPending.body.id)) === 'inProgress');
  assert.equal((await call('POST', `/api/v1/orders/${notPending.body.id}/retry-capacity`, { key: svc.keys.dispatcher })).status, 409);
});

test('an order that waits too long for capacity fails with the reason and holds nothing', async () => {
  await svc.restartWorkers({ PENDING_GIVE_UP_SECONDS: '2' });
  try {
    const { address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1, ip_address: 1, vlan: 1 });
    const id = await order(address, '4');
    await waitState(id, 'failed');
    const o = await call('GET', `${ORDER_PATH}/${id}`, { key: svc.keys.crm });
    assert.match(o.body.stateReason, /no splitter_port available/);
    assert.equal((await svc.db('pending_installations').where({ order_id: id })).length, 0, 'it left the capacity queue');
  } finally {
    await svc.restartWorkers();
  }
});
