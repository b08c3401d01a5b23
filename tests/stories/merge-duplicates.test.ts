import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ORDER_PATH, orderBody, runCrewsUntilDone } from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { startHubReceiver, type HubReceiver } from '../support/hub-receiver.js';
import { startService, type TestService } from '../support/service.js';

let svc: TestService;
let hub: HubReceiver;
let call: ReturnType<typeof apiClient>;

before(async () => {
  svc = await startService();
  await svc.restartWorkers({ ORDER_MERGE_WINDOW_SECONDS: '3600' });
  call = apiClient(svc.baseUrl);
  hub = await startHubReceiver();
});
after(async () => {
  await svc?.stop();
  await hub?.close();
});

test('the same order from two channels inside the window is merged into the first: one set of work orders, the CRM told', async () => {
  await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: hub.url } });
  // A customer nobody else orders for in this run, at the counter and then through the app.
  const body = () => orderBody({ customer: 'cust-1003', address: 'addr-bj-0001', offerings: ['fixed-voice', 'ftth-300m'] });
  const first = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: body() });
  const second = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: { ...body(), productOrderItem: [...body().productOrderItem].reverse() } });
  const other = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer: 'cust-1003', address: 'addr-bj-0001', offerings: ['iptv-addon'] }) });

  const merged = await waitFor('the duplicate merged', async () => {
    const o = await call('GET', `${ORDER_PATH}/${second.body.id}`, { key: svc.keys.crm });
    return o.body.state === 'cancelled' ? o.body : undefined;
  });
  assert.equal(merged.mergedInto.id, first.body.id);
  assert.match(merged.stateReason, new RegExp(`merged into order ${first.body.id}`));
  assert.equal((await svc.db('work_orders').where({ order_id: second.body.id })).length, 0, 'not fulfilled twice');

  assert.equal(await runCrewsUntilDone(svc, first.body.id), 'completed');
  assert.equal(await runCrewsUntilDone(svc, other.body.id), 'completed', 'a different offering is a different order');
  const told = await waitFor('the CRM told', async () =>
    hub.events.find((e) => e.event.productOrder.id === second.body.id && e.event.productOrder.state === 'cancelled'));
  assert.equal(told.event.productOrder.mergedInto.id, first.body.id);
  const trace = await call('GET', `/api/v1/orders/${first.body.id}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'duplicate order merged in'));
});
