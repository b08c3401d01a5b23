import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORDER_PATH, orderBody } from '../../support/fixtures.js';
import { waitFor } from '../../support/http.js';
import { serviceForThisFile } from '../../support/service.js';

const { svc, call } = serviceForThisFile();

const orderCount = async () => Number((await svc.db('product_orders').count({ n: '*' }).first())!.n);

function assertTmfError(body: any, status: number) {
  assert.equal(body.status, String(status));
  assert.equal(body.code, String(status));
  assert.equal(typeof body.reason, 'string');
  assert.equal(typeof body.message, 'string');
}

test('the same POST twice with one Idempotency-Key gives one order and one process instance', async () => {
  const body = orderBody({ offerings: ['ftth-300m'] });
  const headers = { 'idempotency-key': `idem-${Date.now()}` };
  const before = await orderCount();
  const [first, second] = await Promise.all([
    call('POST', ORDER_PATH, { key: svc.keys.crm, body, headers }),
    call('POST', ORDER_PATH, { key: svc.keys.crm, body, headers }),
  ]);
  assert.deepEqual([first.status, second.status].sort(), [200, 201]);
  assert.equal(first.body.id, second.body.id);
  const third = await call('POST', ORDER_PATH, { key: svc.keys.crm, body, headers });
  assert.equal(third.status, 200);
  assert.equal(third.body.id, first.body.id);
  assert.equal(await orderCount(), before + 1);

  // One instance: it accepts the order once and no second instance ever tries to.
  await waitFor('work orders', async () => (await svc.db('work_orders').where({ order_id: first.body.id })).length === 4);
  const order = await svc.db('product_orders').where({ id: first.body.id }).first();
  assert.ok(order.process_instance_key);
  const accepts = await svc.db('trace_events').where({ order_id: first.body.id, step: 'order.accept' });
  assert.equal(accepts.length, 1);
  const starts = await svc.db('outbox').where({ order_id: first.body.id, destination: 'order-received' });
  assert.equal(starts.length, 1);
});

test('the same Idempotency-Key with another body is refused with 422 and stores nothing', async () => {
  const headers = { 'idempotency-key': `idem-other-${Date.now()}` };
  const ok = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }), headers });
  assert.equal(ok.status, 201);
  const before = await orderCount();
  const clash = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['fixed-voice'] }), headers });
  assert.equal(clash.status, 422);
  assertTmfError(clash.body, 422);
  assert.equal(await orderCount(), before);
});

test('bad input gets a 4xx in the TMF error shape and nothing is stored', async () => {
  const before = await orderCount();
  const cases: [string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, RegExp][] = [
    ['malformed JSON', { rawBody: '{"productOrderItem": [' }, 400, /malformed JSON/],
    ['missing items', { body: { ...orderBody(), productOrderItem: [] } }, 400, /productOrderItem/],
    ['no customer', { body: { ...orderBody(), relatedParty: [{ id: 'x', role: 'Payer' }] } }, 400, /Customer/],
    ['unknown offering', { body: orderBody({ offerings: ['no-such-offering'] }) }, 400, /unknown productOffering: no-such-offering/],
    ['no installation address', { body: { ...orderBody(), productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'ftth-300m' } }] } }, 400, /installationAddress/],
    ['bad action', { body: { ...orderBody(), productOrderItem: [{ ...orderBody().productOrderItem[0], action: 'explode' }] } }, 400, /action/],
    ['oversized body', { body: { ...orderBody(), description: 'x'.repeat(300_000) } }, 413, /exceeds/],
    ['not JSON at all', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } }, 400, /productOrderItem|relatedParty|expected object/],
  ];
  for (const [name, req, status, message] of cases) {
    const res = await call('POST', ORDER_PATH, { key: svc.keys.crm, ...req });
    assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
    assertTmfError(res.body, status);
    assert.match(res.body.message, message, name);
  }
  assert.equal(await orderCount(), before);
});

test('no anonymous access: 401 without or with a wrong key, 403 for a role that may not order', async () => {
  const anon = await call('GET', ORDER_PATH);
  assert.equal(anon.status, 401);
  assertTmfError(anon.body, 401);
  assert.equal((await call('GET', ORDER_PATH, { key: 'dk_not-a-key' })).status, 401);
  const crew = await svc.crewKey('crew-hz-xh-line');
  const forbidden = await call('POST', ORDER_PATH, { key: crew, body: orderBody() });
  assert.equal(forbidden.status, 403);
  assertTmfError(forbidden.body, 403);
  assert.equal((await call('GET', '/health/live')).status, 200);
});

test('list with attribute filters, fields, paging and the count headers; unknown id is 404', async () => {
  const a = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'] }) });
  const byId = await call('GET', `${ORDER_PATH}?id=${a.body.id}`, { key: svc.keys.crm });
  assert.equal(byId.status, 200);
  assert.equal(byId.body.length, 1);
  assert.equal(byId.headers.get('x-result-count'), '1');
  assert.equal(byId.headers.get('x-total-count'), '1');
  const byDate = await call('GET', `${ORDER_PATH}?orderDate=${encodeURIComponent(a.body.orderDate)}`, { key: svc.keys.crm });
  assert.ok(byDate.body.some((o: any) => o.id === a.body.id));
  const fields = await call('GET', `${ORDER_PATH}?fields=state&limit=2`, { key: svc.keys.crm });
  assert.ok(fields.body.length <= 2);
  assert.ok(fields.body.every((o: any) => Object.keys(o).join() === 'state'));
  assert.ok(Number(fields.headers.get('x-total-count')) >= 2);
  const one = await call('GET', `${ORDER_PATH}/${a.body.id}?fields=id,state`, { key: svc.keys.crm });
  assert.deepEqual(Object.keys(one.body).sort(), ['id', 'state']);
  assert.equal((await call('GET', `${ORDER_PATH}/00000000-0000-0000-0000-000000000000`, { key: svc.keys.crm })).status, 404);
  assert.equal((await call('GET', `${ORDER_PATH}/not-a-uuid`, { key: svc.keys.crm })).status, 404);
  assert.equal((await call('GET', `${ORDER_PATH}?colour=blue`, { key: svc.keys.crm })).status, 400);
});

test('a hub registration can be deleted, and only by whoever made it', async () => {
  const hub = await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: 'http://127.0.0.1:9/none' } });
  assert.equal(hub.status, 201);
  assert.equal((await call('DELETE', `/tmf-api/productOrderingManagement/v4/hub/${hub.body.id}`, { key: svc.keys.dispatcher })).status, 404);
  assert.equal((await call('DELETE', `/tmf-api/productOrderingManagement/v4/hub/${hub.body.id}`, { key: svc.keys.crm })).status, 204);
  assert.equal((await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: 'not a url' } })).status, 400);
});
