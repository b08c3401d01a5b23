import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allBut, closeOpenWorkOrders, crewKeys, ORDER_PATH, orderBody, runCrewsUntilDone, validMeasurements, WORK_ORDER_PATH, workOrdersOf } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();

const item = (id: string, offering: string) => ({
  id, action: 'add', quantity: 1, productOffering: { id: offering },
  product: { place: [{ id: 'addr-xh-0001', role: 'installationAddress' }] },
});
const patch = (orderId: string, items: unknown[]) =>
  call('PATCH', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm, body: { productOrderItem: items }, headers: { 'content-type': 'application/merge-patch+json' } });

test('amend mid-construction: an IPTV add-on joins the line being built; nothing already done is done again', async () => {
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const orderId = order.body.id as string;
  const first = await workOrdersOf(svc, orderId, 4);
  // The line crew has already finished its part.
  const keyOf = crewKeys(svc);
  const line = first.find((w) => w.category === 'line')!;
  const lineKey = await keyOf(line.relatedParty[0].id);
  await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'inProgress' } });
  await call('PATCH', `${WORK_ORDER_PATH}/${line.id}`, { key: lineKey, body: { state: 'completed', measurements: validMeasurements.line } });
  const reservedBefore = await svc.db('network_resources').where({ order_id: orderId }).orderBy('id').pluck('id');

  const amended = await patch(orderId, [order.body.productOrderItem[0], item('2', 'iptv-addon')]);
  assert.equal(amended.status, 200, JSON.stringify(amended.body));
  assert.deepEqual(amended.body.productOrderItem.map((i: any) => i.id), ['1', '2']);

  const all = await waitFor('the add-on\'s work orders', async () => {
    const rows = await svc.db('work_orders').where({ order_id: orderId });
    return rows.length === 6 ? rows : undefined;
  });
  assert.deepEqual(all.map((w) => w.kind).sort(), ['installation', 'installation', 'line', 'measurement', 'nm-config', 'nm-config']);
  assert.equal(all.filter((w) => w.kind === 'line').length, 1, 'the line work is not dispatched again');
  const services = await svc.db('order_services').where({ order_id: orderId });
  assert.equal(services.filter((s) => s.service_spec_id === 'ftth-access').length, 1, 'the add-on rides on the existing access line');
  const reservedAfter = await svc.db('network_resources').where({ order_id: orderId }).pluck('id');
  assert.ok(reservedBefore.every((id) => reservedAfter.includes(id)), 'what was reserved stays reserved');
  assert.equal(reservedAfter.length, reservedBefore.length + 1, 'one more VLAN for IPTV');

  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  const amendedEvent = trace.body.events.find((e: any) => e.outcome === 'amended');
  assert.deepEqual(amendedEvent.details, { revision: 1, added: ['2'], removed: [] });
  assert.ok(trace.body.steps.some((s: any) => s.step === 'order.amend' && s.outcome === 'revision 1'));
});

test('amend before design: a removed product is never designed or dispatched', async () => {
  await svc.restartWorkers(allBut('order.design'));
  const body = orderBody({ offerings: ['ftth-300m', 'fixed-voice'] });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body });
  const orderId = order.body.id as string;
  await waitFor('decomposed', async () => (await svc.db('trace_events').where({ order_id: orderId, step: 'order.decompose' })).length === 1);
  const amended = await patch(orderId, [body.productOrderItem[0]]);
  assert.equal(amended.status, 200, JSON.stringify(amended.body));
  await waitFor('amendment applied', async () => (await svc.db('trace_events').where({ order_id: orderId, step: 'order.amend' })).length === 1);
  await svc.restartWorkers();
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const wos = await svc.db('work_orders').where({ order_id: orderId });
  assert.deepEqual(wos.map((w) => w.kind).sort(), ['installation', 'line', 'measurement', 'nm-config'], 'no voice work');
  assert.equal((await svc.db('network_resources').where({ order_id: orderId, type: 'phone_number' })).length, 0, 'no number held');
  const final = await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm });
  assert.deepEqual(final.body.productOrderItem.map((i: any) => i.id), ['1']);
  const items = await svc.db('product_order_items').where({ order_id: orderId }).orderBy('item_id');
  assert.deepEqual(items.map((i) => `${i.item_id}:${i.state}`), ['1:completed', '2:cancelled']);
  assert.equal((await svc.db('billing_records').where({ order_id: orderId })).length, 1, 'billing only for what was delivered');
});

test('amend after the point of no return is refused with 409; an unchanged list changes nothing; a chase raises the priority and tells the posts', async () => {
  await svc.restartWorkers(allBut('order.archive'));
  let orderId = '';
  try {
    const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'], priority: '3' }) });
    orderId = order.body.id;
    const chased = await waitFor('work orders to chase', async () => {
      if ((await svc.db('work_orders').where({ order_id: orderId })).length < 4) return undefined;
      return call('POST', `/api/v1/orders/${orderId}/chase`, { key: svc.keys.crm, body: { note: 'customer called twice' } });
    });
    assert.equal(chased.status, 200);
    assert.equal(chased.body.priority, 2);
    assert.ok(chased.body.notifiedPosts.includes('line-crew-lead'));
    const notices = await call('GET', '/api/v1/notifications?post=line-crew-lead', { key: svc.keys.dispatcher });
    assert.ok(notices.body.some((n: any) => n.subjectId === orderId && n.kind === 'chase'));

    const same = await patch(orderId, order.body.productOrderItem);
    assert.equal(same.status, 200);
    assert.equal((await svc.db('product_orders').where({ id: orderId }).first()).revision, 0);
    const changed = await patch(orderId, [{ ...order.body.productOrderItem[0], productOffering: { id: 'fixed-voice' } }]);
    assert.equal(changed.status, 409);

    await waitFor('the point of no return', async () => {
      await closeOpenWorkOrders(svc, orderId);
      return (await svc.db('product_orders').where({ id: orderId }).first()).ponr_at;
    }, 60_000, 300);
    const late = await patch(orderId, [order.body.productOrderItem[0], item('2', 'iptv-addon')]);
    assert.equal(late.status, 409);
    assert.match(late.body.message, /point of no return/);
  } finally {
    await svc.restartWorkers();
  }
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
});
