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
  // A short job timeout so jobs held by a killed worker come back quickly.
  svc = await startService({ workerEnv: { WORKER_JOB_TIMEOUT_MS: '3000' } });
  call = apiClient(svc.baseUrl);
  hub = await startHubReceiver();
});
after(async () => {
  await svc?.stop();
  await hub?.close();
});

test('workers killed mid-flight and restarted: every order still completes, with nothing done twice', async () => {
  await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: hub.url } });
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) {
    const r = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [i % 2 ? 'ftth-300m' : 'home-package'] }) });
    ids.push(r.body.id);
  }
  const crews = Promise.all(ids.map((id) => runCrewsUntilDone(svc, id, 120_000)));
  for (let k = 0; k < 4; k++) {
    await new Promise((r) => setTimeout(r, 400 + k * 300));
    await svc.restartWorkers(); // SIGKILL, then a fresh process
  }
  assert.deepEqual(await crews, ids.map(() => 'completed'));

  for (const [i, id] of ids.entries()) {
    const home = i % 2 === 0;
    const workOrders = await svc.db('work_orders').where({ order_id: id });
    assert.equal(workOrders.length, home ? 7 : 4, 'no duplicate work order');
    const resources = await svc.db('network_resources').where({ order_id: id });
    assert.equal(resources.length, home ? 7 : 5, 'no duplicate reservation');
    assert.ok(resources.every((r) => r.state === 'assigned'));
    const events = await svc.db('outbox').where({ order_id: id, kind: 'http', destination: hub.url }).orderBy('id');
    assert.deepEqual(events.map((e) => `${e.payload.eventType}:${e.payload.event.productOrder.state}`), [
      'ProductOrderCreateEvent:acknowledged', 'ProductOrderStateChangeEvent:inProgress', 'ProductOrderStateChangeEvent:completed',
    ], 'each notification produced once');
    assert.equal((await svc.db('billing_records').where({ order_id: id })).length, 1);
  }

  // Every notification reached the CRM; a delivery cut by a kill may arrive twice, with the same eventId.
  await waitFor('all notifications', async () => new Set(hub.events.map((e) => e.eventId)).size === ids.length * 3);
  for (const id of ids) {
    const seen = new Map<string, string>();
    for (const e of hub.events.filter((x) => x.event.productOrder.id === id)) seen.set(e.eventId, e.event.productOrder.state);
    assert.deepEqual([...seen.values()], ['acknowledged', 'inProgress', 'completed']);
  }
});
