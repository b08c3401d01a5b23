import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { apiClient, waitFor } from '../support/http.js';
import { ORDER_PATH, orderBody, runCrewsUntilDone, WORK_ORDER_PATH } from '../support/fixtures.js';
import { startHubReceiver, type HubReceiver } from '../support/hub-receiver.js';
import { startService, type TestService } from '../support/service.js';

let svc: TestService;
let hub: HubReceiver;
let call: ReturnType<typeof apiClient>;

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  hub = await startHubReceiver();
});
after(async () => {
  await svc?.stop();
  await hub?.close();
});

test('the CRM orders the home package and the order travels the whole fulfillment flow', async () => {
  // The CRM registers for notifications; its listener is down for the first two deliveries.
  const reg = await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: hub.url } });
  assert.equal(reg.status, 201);
  hub.failNext(2);

  // The CRM orders the home package for a customer at an address.
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['home-package'] }) });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const orderId = created.body.id as string;
  assert.equal(created.body.state, 'acknowledged');

  // It is decomposed into exactly the services and business resources the catalog says.
  await waitFor('decomposition', async () => (await svc.db('business_resources').where({ order_id: orderId })).length === 4);
  const services = await svc.db('order_services').where({ order_id: orderId }).orderBy('service_spec_id');
  assert.deepEqual(services.map((s) => `${s.service_spec_id}/${s.role}`), [
    'fixed-voice/addon', 'ftth-access/main', 'internet-300m/addon', 'iptv/addon',
  ]);
  const main = services.find((s) => s.role === 'main')!;
  assert.ok(services.filter((s) => s.role === 'addon').every((s) => s.main_service_id === main.id), 'add-ons hang on the one access line');
  const resources = await svc.db('business_resources').where({ order_id: orderId }).orderBy('resource_spec_id').pluck('resource_spec_id');
  assert.deepEqual(resources, ['access-line', 'internet-account', 'iptv-account', 'voice-line']);

  // Network resources are reserved and the work orders appear for the crews of the area.
  const workOrders = await waitFor('seven work orders', async () => {
    const list = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
    return list.body.length === 7 ? list.body : undefined;
  });
  assert.deepEqual(workOrders.map((w: any) => w.category).sort(), [
    'installation', 'installation', 'line', 'measurement', 'nm-config', 'nm-config', 'nm-config',
  ]);
  assert.ok(workOrders.every((w: any) => w.relatedParty[0].id.startsWith('crew-hz-xh-')), 'crews of the order\'s area');
  const reserved = await svc.db('network_resources').where({ order_id: orderId }).orderBy('type').pluck('type');
  assert.deepEqual(reserved, ['ip_address', 'line_segment', 'phone_number', 'pon_port', 'splitter_port', 'vlan', 'vlan']);

  // Crews close them through the API; the order completes.
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const done = await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm });
  assert.equal(done.body.state, 'completed');
  assert.ok(done.body.completionDate);
  assert.ok(done.body.productOrderItem.every((i: any) => i.state === 'completed'));

  // Billing, resource and SLA archive rows exist; the resources are now in service.
  assert.equal((await svc.db('billing_records').where({ order_id: orderId })).length, 1);
  assert.equal((await svc.db('resource_assignment_records').where({ order_id: orderId })).length, 7);
  assert.equal((await svc.db('sla_records').where({ order_id: orderId })).length, 1);
  assert.deepEqual(await svc.db('network_resources').where({ order_id: orderId }).distinct('state').pluck('state'), ['assigned']);

  // The CRM's listener received the state changes in order, despite being down at first.
  const states = await waitFor('hub events', async () => {
    const mine = hub.events.filter((e) => e.event.productOrder.id === orderId);
    const s = mine.map((e) => `${e.eventType}:${e.event.productOrder.state}`);
    return s.includes('ProductOrderStateChangeEvent:completed') ? s : undefined;
  });
  assert.deepEqual(states, [
    'ProductOrderCreateEvent:acknowledged',
    'ProductOrderStateChangeEvent:inProgress',
    'ProductOrderStateChangeEvent:completed',
  ]);

  // The trace lists every step, with who and when.
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.equal(trace.status, 200);
  const steps = trace.body.steps.map((s: any) => s.step);
  for (const step of ['order.accept', 'order.review', 'order.decompose', 'order.design', 'work-order.dispatch',
    'work-order:line', 'work-order:measurement', 'resource.complete', 'order.complete', 'order.archive', 'order.notify-completion']) {
    assert.ok(steps.includes(step), `trace has ${step}`);
  }
  assert.equal(steps.filter((s: string) => s === 'resource.complete').length, 4);
  assert.equal(steps.filter((s: string) => s.startsWith('work-order:')).length, 7);
  assert.ok(trace.body.steps.every((s: any) => s.actor && s.enteredAt && s.leftAt && s.durationMs >= 0));
  assert.deepEqual(trace.body.current, []);
});
