import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../src/auth/keys.js';
import { createTestArea, ORDER_PATH, orderBody, WORK_ORDER_PATH } from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

let svc: TestService;
let browser: Browser;
let call: ReturnType<typeof apiClient>;

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await svc?.stop();
});

async function orderAtFieldWork(): Promise<{ id: string; externalId: string }> {
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody() });
  await waitFor('work orders', async () => (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${created.body.id}`, { key: svc.keys.dispatcher })).body.length === 7);
  return { id: created.body.id, externalId: created.body.externalId };
}

test('a dispatcher finds an order on the live board, opens it, and sees the current step highlighted and the trace', async () => {
  const order = await orderAtFieldWork();
  await orderAtFieldWork();
  const dispatcher = await svc.createUser(['dispatcher']);
  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, dispatcher);
  await page.waitForURL('**/dispatch');
  await page.locator(`tr[data-order="${order.id}"]`).waitFor();
  await page.locator('.live.on').waitFor();

  // A new order shows up without a reload.
  const fresh = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody() });
  await page.locator(`tr[data-order="${fresh.body.id}"]`).waitFor();
  await page.locator(`tr[data-order="${fresh.body.id}"]`).getByText('Field work').waitFor({ timeout: 30_000 });
  await screenshot(page, 'e-dispatch-board');

  await page.getByLabel('Search').fill(order.externalId);
  await page.waitForFunction(() => document.querySelectorAll('tr[data-order]').length === 1);
  const row = page.locator(`tr[data-order="${order.id}"]`);
  assert.match((await row.textContent()) ?? '', /Field work/);
  await row.getByRole('link').click();
  await page.waitForURL(`**/dispatch/orders/${order.id}`);
  await page.locator('[data-element-id="Activity_FieldWork"].step-active').waitFor();
  await page.locator('[data-element-id="Activity_DesignNetworkResources"].step-passed').waitFor();
  const timeline = page.getByRole('region', { name: 'Trace' }).locator('li');
  assert.ok((await timeline.count()) >= 5);
  // Steps read as the diagram names them, with the job type beside for whoever searches the code.
  await page.getByRole('region', { name: 'Trace' }).getByText('Design network resources').first().waitFor();
  await page.getByRole('region', { name: 'Trace' }).getByText('order.design').first().waitFor();
  await screenshot(page, 'e-dispatch-order');
});

test('board API: filters, search, paging, validation; progress; live events', async () => {
  const order = await orderAtFieldWork();
  const key = svc.keys.dispatcher;
  const byId = await call('GET', `/api/v1/board?q=${order.id}`, { key });
  assert.equal(byId.body.length, 1);
  assert.equal(byId.body[0].currentStep, 'work-order');
  assert.equal(byId.body[0].currentStepName, 'Field work');
  assert.equal(byId.body[0].openWorkOrders, 7);
  assert.equal((await call('GET', `/api/v1/board?q=${order.externalId.slice(0, 8)}`, { key })).body[0].id, order.id);
  const page = await call('GET', '/api/v1/board?state=inProgress&step=work-order&sort=createdAt&limit=1', { key });
  assert.equal(page.body.length, 1);
  assert.ok(Number(page.headers.get('x-total-count')) >= 1);
  assert.equal((await call('GET', '/api/v1/board?colour=red', { key })).status, 400);
  assert.equal((await call('GET', '/api/v1/board?limit=500', { key })).status, 400);
  assert.equal((await call('GET', '/api/v1/board', { key: svc.keys.crm })).status, 403);
  const summary = await call('GET', '/api/v1/board/summary', { key });
  assert.ok(summary.body.byStep.some((s: any) => s.step === 'work-order' && s.name === 'Field work' && s.count >= 1));

  const progress = await call('GET', `/api/v1/orders/${order.id}/progress`, { key });
  assert.deepEqual(progress.body.active.map((a: any) => a.elementId), ['Activity_FieldWork']);
  assert.ok(progress.body.passed.some((p: any) => p.elementId === 'Activity_AcceptOrder'));
  assert.equal((await call('GET', '/api/v1/orders/00000000-0000-0000-0000-000000000000/progress', { key })).status, 404);

  // A trace entry committed for the order arrives as a server-sent event.
  const controller = new AbortController();
  const res = await fetch(`${svc.baseUrl}/api/v1/events?orderId=${order.id}`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const wo = (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${order.id}&state=acknowledged`, { key })).body[0];
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key, body: { state: 'inProgress' } });
  let text = '';
  while (!text.includes('work order accepted')) text += (await reader.read()).value ?? '';
  controller.abort();
  assert.match(text, new RegExp(`event: trace\\nid: \\d+\\ndata: \\{.*"orderId":"${order.id}"`));
});

test('tickets, suspensions and construction orders share the board: by flow, each opens on its own diagram', async () => {
  const { area } = await createTestArea(svc.db, {});
  const [line] = await svc.db('network_resources').insert({ type: 'splitter_port', area, name: `SPL-${area}:1` }).returning('id');
  const keyFor = async (roles: ('billing' | 'planning')[]) => (await createApiKey(svc.db, { name: `board test ${roles}`, roles })).key;

  // A customer reports a fault, billing suspends a subscriber in arrears, network planning asks for capacity.
  const ticket = await call('POST', '/tmf-api/troubleTicket/v4/troubleTicket', {
    key: svc.keys.crm,
    body: {
      description: 'No dial tone since the storm', severity: 'major', ticketType: 'connectivity',
      relatedEntity: [{ id: line.id, role: 'affectedResource', '@referredType': 'Resource' }],
      relatedParty: [{ id: 'cust-1001', role: 'customer' }],
    },
  });
  assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
  const subscriber = `sub-${randomUUID().slice(0, 8)}`;
  const suspension = await call('POST', '/api/v1/billing/subscriber-commands', {
    key: await keyFor(['billing']),
    body: {
      eventId: `bill-${randomUUID()}`, subscriberId: subscriber, command: 'suspend', reason: 'arrears over the credit limit',
      issuedAt: new Date().toISOString(), sequence: 1, services: [{ id: `${subscriber}-bb`, type: 'broadband' }], callbackUrl: `${svc.baseUrl}/nowhere`,
    },
  });
  assert.equal(suspension.status, 201, JSON.stringify(suspension.body));
  const construction = await call('POST', '/api/v1/constructionOrders', {
    key: await keyFor(['planning']),
    body: { externalId: `NP-${area}`, source: 'network-planning', title: `PON capacity for ${area}`, area, priority: 2, requestedCapacity: [{ type: 'pon_port', quantity: 2 }] },
  });
  assert.equal(construction.status, 201, JSON.stringify(construction.body));

  const key = svc.keys.dispatcher;
  const row = async (kind: string, id: string) => (await call('GET', `/api/v1/board?kind=${kind}&q=${id}`, { key })).body[0];
  const ticketRow = await waitFor('the ticket past its first step', async () => {
    const r = await row('troubleTicket', ticket.body.id);
    return r?.currentStep ? r : undefined;
  });
  assert.equal(ticketRow.flow, 'fault-repair');
  assert.equal(ticketRow.area, area);
  assert.equal(ticketRow.customerId, 'cust-1001');
  assert.equal(ticketRow.title, 'No dial tone since the storm');
  assert.ok(ticketRow.currentStepName, 'the step is named as in the fault-repair diagram');
  const suspensionRow = await row('suspension', suspension.body.id);
  assert.deepEqual([suspensionRow.flow, suspensionRow.customerId, suspensionRow.priority], ['suspend-resume', subscriber, null]);
  assert.match(suspensionRow.title, /^suspend: arrears/);
  assert.equal((await row('constructionOrder', construction.body.id)).title, `PON capacity for ${area}`);
  // A kind filter leaves only that kind; an unknown kind is refused.
  const tickets = await call('GET', '/api/v1/board?kind=troubleTicket&limit=200', { key });
  assert.ok(tickets.body.every((r: any) => r.kind === 'troubleTicket'));
  assert.equal((await call('GET', '/api/v1/board?kind=invoice', { key })).status, 400);
  assert.equal((await call('GET', `/api/v1/board?area=${area}&open=true`, { key })).body.length, 2, 'the ticket and the construction order are open in the area');
  const summary = (await call('GET', '/api/v1/board/summary?kind=constructionOrder', { key })).body;
  assert.deepEqual(summary.byKind.map((k: any) => k.kind).sort(), ['constructionOrder', 'productOrder', 'suspension', 'troubleTicket']);
  assert.ok(summary.byState.length >= 1 && summary.byStep.every((s: any) => s.kind === 'constructionOrder'));

  // Trace and diagram work for a ticket as for an order.
  const trace = (await call('GET', `/api/v1/orders/${ticket.body.id}/trace`, { key })).body;
  assert.equal(trace.kind, 'troubleTicket');
  assert.ok(trace.steps.length >= 1);
  const progress = (await call('GET', `/api/v1/orders/${ticket.body.id}/progress`, { key })).body;
  assert.equal(progress.processId, 'fault-repair');
  assert.ok(progress.passed.length >= 1);

  const dispatcher = await svc.createUser(['dispatcher']);
  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, dispatcher);
  await page.waitForURL('**/dispatch');
  await page.getByRole('tab', { name: /Construction/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('tr[data-order]:not([data-kind="constructionOrder"])').length === 0);
  await page.locator(`tr[data-order="${construction.body.id}"]`).getByText(`PON capacity for ${area}`).waitFor();
  await page.getByRole('tab', { name: /All flows/ }).click();
  await page.locator(`tr[data-order="${suspension.body.id}"]`).waitFor();
  await page.getByRole('tab', { name: /Tickets/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('tr[data-order]:not([data-kind="troubleTicket"])').length === 0);
  const ticketLine = page.locator(`tr[data-order="${ticket.body.id}"]`);
  await ticketLine.getByText('No dial tone since the storm').waitFor();
  await screenshot(page, 'e-dispatch-board-tickets');
  // The ticket is minutes old: an age filter of a day hides it, and lifting it brings it back.
  await page.getByLabel('Age').selectOption('1440');
  await ticketLine.waitFor({ state: 'detached' });
  await page.getByLabel('Age').selectOption('');
  await ticketLine.getByRole('link').click();
  await page.waitForURL(`**/dispatch/orders/${ticket.body.id}`);
  await page.getByRole('heading', { name: /Ticket/ }).waitFor();
  await page.locator('.step-passed').first().waitFor();
  await screenshot(page, 'e-dispatch-ticket');

  // Network planning phones to withdraw its request: the dispatcher cancels the construction order
  // from its page, and has to say why, since the requester is told.
  await page.goto(`${svc.baseUrl}/dispatch/orders/${construction.body.id}`);
  await page.getByRole('heading', { name: /Construction/ }).waitFor();
  await page.getByRole('button', { name: 'Cancel construction order…' }).click();
  const confirm = page.getByRole('button', { name: 'Cancel the order' });
  assert.equal(await confirm.isDisabled(), true, 'no reason, no cancel');
  await page.getByLabel('Why it is cancelled').fill('Planning withdrew it: the cabinet is being replaced');
  await confirm.click();
  await page.locator('.chip-cancelled').waitFor();
  await page.getByRole('button', { name: 'Cancel construction order…' }).waitFor({ state: 'detached' });
  const cancelled = (await call('GET', `/api/v1/constructionOrders/${construction.body.id}`, { key })).body;
  assert.deepEqual([cancelled.state, cancelled.stateReason], ['cancelled', 'Planning withdrew it: the cabinet is being replaced']);
  await screenshot(page, 'e-dispatch-construction-cancelled');
});
