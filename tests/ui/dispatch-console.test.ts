import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ftthInventory, silverCustomer, withPolicy } from '../support/console.js';
import { createTestArea, ORDER_PATH, orderBody, productWithOwnWork, runCrewsUntilDone, WORK_ORDER_PATH } from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

let browser: Browser;
const cleanup: (() => Promise<void>)[] = [];
// Registered before the service's own after(), which stops it: the policies go while the API still runs.
after(async () => {
  for (const f of cleanup) await f();
  await browser?.close();
});
const { svc, call } = serviceForThisFile();
before(async () => {
  browser = await launchBrowser();
});

async function dispatcherOn(path: string): Promise<Page> {
  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, await svc.createUser(['dispatcher']));
  await page.goto(`${svc.baseUrl}${path}`);
  return page;
}

const deadlineOf = (orderId: string, step: string) => waitFor(`the ${step} deadline`, async () =>
  (await call('GET', `/api/v1/deadlines?subjectId=${orderId}&step=${step}`, { key: svc.keys.dispatcher })).body[0]);

test('a dispatcher sees a step\'s deadline turn amber then red and the alarm appear without reloading, acknowledges it, opens the order and sees the current step highlighted', async () => {
  const { area, address } = await createTestArea(svc.db, ftthInventory(1));
  const customer = await silverCustomer(svc.db);
  // Line work for this customer's priority-1 orders: 30 s, pre-alarm 15 s before.
  cleanup.push(await withPolicy(svc, call, { step: 'work-order:line', customerTier: 'silver', priority: 1, limitSeconds: 30, preAlarmSeconds: 15, post: 'line-crew-lead' }));

  const page = await dispatcherOn('/dispatch');
  await page.getByRole('region', { name: 'Running deadlines' }).waitFor();
  await page.locator('.live.on').waitFor();
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });

  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ customer, address, offerings: ['ftth-300m'], priority: '1' }) });
  const orderId = order.body.id as string;
  const deadline = await deadlineOf(orderId, 'work-order:line');
  const deadlines = page.getByRole('region', { name: 'Running deadlines' });
  await deadlines.getByLabel('Deadlines area').selectOption(area);
  const row = deadlines.locator(`[data-deadline="${deadline.id}"]`);
  await row.and(page.locator('[data-colour="ok"]')).waitFor();
  assert.match((await row.textContent()) ?? '', /Line work.*left/);
  await screenshot(page, 'console-deadline-green');

  await row.and(page.locator('[data-colour="warn"]')).waitFor({ timeout: 40_000 });
  await screenshot(page, 'console-deadline-amber');
  await row.and(page.locator('[data-colour="late"]')).waitFor({ timeout: 40_000 });
  assert.match((await row.getByLabel('Time left').textContent()) ?? '', /over/);

  // The alarm arrives by itself, next to the pre-alarm raised before it.
  const alarms = page.getByRole('region', { name: 'Alarms' });
  const alarm = alarms.locator('li.alarm-alarm', { hasText: orderId.slice(0, 8) });
  await alarm.waitFor({ timeout: 40_000 });
  await alarms.locator('li.alarm-pre-alarm', { hasText: orderId.slice(0, 8) }).waitFor();
  assert.match((await alarm.textContent()) ?? '', /Alarm.*Line work.*line crew lead/);
  await screenshot(page, 'console-deadline-red-alarm');

  await alarm.getByRole('button', { name: 'Acknowledge' }).click();
  await alarm.waitFor({ state: 'detached' });
  const acknowledged = alarms.locator('li.alarm-acknowledged', { hasText: orderId.slice(0, 8) });
  await acknowledged.waitFor();
  const stored = (await call('GET', `/api/v1/alarms?subjectId=${orderId}&level=alarm`, { key: svc.keys.dispatcher })).body[0];
  assert.equal(stored.state, 'acknowledged');
  assert.match((await acknowledged.textContent()) ?? '', new RegExp(`by ${stored.acknowledgedBy}`));
  assert.equal(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), true, 'the page was never reloaded');
  await screenshot(page, 'console-alarm-acknowledged');

  await acknowledged.getByRole('link').click();
  await page.waitForURL(`**/dispatch/orders/${orderId}`);
  await page.locator('[data-element-id="Activity_FieldWork"].step-active').waitFor();
  // Steps the order passed are coloured by their time against their limit (the flow's 24 h default here).
  await page.locator('[data-element-id="Activity_DesignNetworkResources"].step-within').waitFor();
  await page.getByRole('region', { name: 'Running deadlines' }).locator(`[data-deadline="${deadline.id}"][data-colour="late"]`).waitFor();
  await screenshot(page, 'console-order-current-step');

  // Closed late: once done, the order's diagram shows field work in red, the quick steps in green.
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const progress = await call('GET', `/api/v1/orders/${orderId}/progress`, { key: svc.keys.dispatcher });
  const fieldWork = progress.body.passed.find((p: any) => p.elementId === 'Activity_FieldWork');
  assert.equal(fieldWork.timing, 'over', 'the worst work order (line) was over its 30 s');
  assert.equal(progress.body.passed.find((p: any) => p.elementId === 'Activity_ReviewOrder').timing, 'within');
  await page.locator('[data-element-id="Activity_FieldWork"].step-over').waitFor();
  await page.locator('[data-element-id="Activity_NotifyCrm"].step-within').waitFor();
  await screenshot(page, 'console-order-step-timing');
  await page.context().close();
});

test('a work order no crew of its area can do waits in the console until the dispatcher gives it to a crew of another area', async () => {
  // The area's only line crew is away: its line work has nobody; a neighbouring area has a line crew.
  const { area, address } = await createTestArea(svc.db, ftthInventory(1));
  await svc.db('crews').where({ id: `crew-${area}-line` }).delete();
  const { area: neighbour } = await createTestArea(svc.db, {});
  const helper = `crew-${neighbour}-line`;

  const page = await dispatcherOn('/dispatch');
  const panel = page.getByRole('region', { name: 'Unassigned work orders' });
  await panel.waitFor();
  await page.locator('.live.on').waitFor();
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'] }) });
  const orderId = order.body.id as string;
  const nobodys = await waitFor('the line work order without a crew', async () =>
    (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}&crew=none`, { key: svc.keys.dispatcher })).body[0]);
  assert.equal(nobodys.skill, 'line');
  assert.deepEqual(nobodys.relatedParty, []);

  // It shows up by itself, with the crews that have the skill, this area's absent.
  const row = panel.locator(`[data-work-order="${nobodys.id}"]`);
  await row.waitFor({ timeout: 30_000 });
  assert.match((await row.textContent()) ?? '', new RegExp(`Order ${orderId.slice(0, 8)}.*${area}.*needs line`));
  const crews = (await call('GET', '/api/v1/crews?skill=line', { key: svc.keys.dispatcher })).body as { id: string; skills: string[] }[];
  assert.ok(crews.every((c) => c.skills.includes('line')) && crews.some((c) => c.id === helper));
  assert.ok(!crews.some((c) => c.id === `crew-${area}-line`));
  await row.getByLabel('Crew').selectOption(helper);
  await screenshot(page, 'console-unassigned-work');
  await row.getByRole('button', { name: 'Assign' }).click();
  await panel.getByRole('status').getByText(new RegExp(`given to ${neighbour} line`)).waitFor();
  await row.waitFor({ state: 'detached' });

  // The neighbour crew now holds it, and only a dispatcher may see the crews list or assign.
  const crewKey = await svc.crewKey(helper);
  const theirs = await call('GET', `${WORK_ORDER_PATH}/${nobodys.id}`, { key: crewKey });
  assert.equal(theirs.status, 200);
  assert.deepEqual(theirs.body.relatedParty.map((p: { id: string }) => p.id), [helper]);
  assert.equal((await call('GET', '/api/v1/crews', { key: crewKey })).status, 403);
  assert.equal((await call('POST', `${WORK_ORDER_PATH}/${nobodys.id}/assign`, { key: crewKey, body: { crewId: helper } })).status, 403);
  assert.equal((await call('GET', '/api/v1/crews?colour=red', { key: svc.keys.dispatcher })).status, 400);
  const trace = (await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher })).body;
  assert.ok(trace.events.some((e: { outcome: string; details: { toCrew?: string } }) => e.outcome === 'work order assigned' && e.details.toCrew === helper));
});

test('the exception queue panel: retry after the data is fixed, skip with a reason and variables, abort with a reason', async () => {
  const failing = await Promise.all([1, 2, 3].map(async () => {
    const product = await productWithOwnWork(svc.db, { defineKind: false });
    const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [product.offering] }) });
    const exception = await waitFor('the exception', async () =>
      (await call('GET', `/api/v1/exceptions?orderId=${order.body.id}`, { key: svc.keys.dispatcher })).body[0], 90_000, 500);
    return { orderId: order.body.id as string, kind: product.kind, exception };
  }));
  const [toRetry, toSkip, toAbort] = failing as [typeof failing[0], typeof failing[0], typeof failing[0]];
  const page = await dispatcherOn('/dispatch');
  const queue = page.getByRole('region', { name: 'Exception queue' });
  const card = (e: { exception: { incidentKey: string } }) => queue.locator(`[data-exception="${e.exception.incidentKey}"]`);
  for (const f of failing) await card(f).waitFor();
  assert.match((await card(toRetry).textContent()) ?? '', new RegExp(`Dispatch work order.*Out of retries.*unknown work order kind ${toRetry.kind}`));

  // Retry, once the catalog knows the kind of work.
  await svc.db('work_order_kinds').insert({ kind: toRetry.kind, name: 'Fibre splicing', skill: 'line' });
  await card(toRetry).getByRole('button', { name: 'Retry…' }).click();
  await card(toRetry).getByLabel('Note (optional)').fill('kind added to the catalog');
  await card(toRetry).getByRole('button', { name: 'Retry', exact: true }).click();
  await card(toRetry).waitFor({ state: 'detached' });
  await queue.getByRole('status').getByText('Retried').waitFor();

  // Skip: the reason is required, and a variable tells the flow the work is already closed.
  await card(toSkip).getByRole('button', { name: 'Skip…' }).click();
  await card(toSkip).getByRole('button', { name: '+ Add variable' }).click();
  await card(toSkip).getByLabel('Variable name').fill('alreadyClosed');
  await card(toSkip).getByLabel('Variable value').fill('true');
  await card(toSkip).getByRole('button', { name: 'Skip', exact: true }).click();
  assert.equal(await card(toSkip).getByLabel('Reason').evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing), true, 'no skip without a reason');
  await card(toSkip).getByLabel('Reason').fill('spliced on site by maintenance, paper ticket 4471');
  await screenshot(page, 'console-exception-skip');
  await card(toSkip).getByRole('button', { name: 'Skip', exact: true }).click();
  await card(toSkip).waitFor({ state: 'detached' });

  await card(toAbort).getByRole('button', { name: 'Abort order…' }).click();
  await card(toAbort).getByLabel('Reason').fill('product withdrawn from the catalog');
  await card(toAbort).getByRole('button', { name: 'Abort order', exact: true }).click();
  await card(toAbort).waitFor({ state: 'detached' });
  await screenshot(page, 'console-exceptions-handled');
  await page.context().close();

  assert.equal(await runCrewsUntilDone(svc, toRetry.orderId), 'completed');
  assert.equal(await runCrewsUntilDone(svc, toSkip.orderId), 'completed');
  assert.equal((await svc.db('work_orders').where({ order_id: toSkip.orderId, kind: toSkip.kind })).length, 0, 'the skipped step made no work order');
  const aborted = await call('GET', `${ORDER_PATH}/${toAbort.orderId}`, { key: svc.keys.crm });
  assert.equal(aborted.body.state, 'failed');
  assert.match(aborted.body.stateReason, /product withdrawn from the catalog/);
  const trace = async (id: string) => (await call('GET', `/api/v1/orders/${id}/trace`, { key: svc.keys.dispatcher })).body.events;
  assert.ok((await trace(toRetry.orderId)).some((e: any) => e.outcome === 'exception retry' && e.details.reason === 'kind added to the catalog'));
  assert.ok((await trace(toSkip.orderId)).some((e: any) => e.outcome === 'exception skip' && e.details.variables.alreadyClosed === true));
});

test('the statistics page charts an area\'s volumes, step durations and on-time rates per step, region and crew', async () => {
  const { area, address } = await createTestArea(svc.db, ftthInventory(1));
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'] }) });
  assert.equal(await runCrewsUntilDone(svc, order.body.id), 'completed');

  const page = await dispatcherOn('/dispatch');
  await page.getByRole('navigation', { name: 'Dispatch views' }).getByRole('link', { name: 'Statistics' }).click();
  await page.waitForURL('**/dispatch/statistics');
  await page.getByRole('img', { name: 'Orders per day' }).waitFor();
  await page.getByLabel('Region', { exact: true }).selectOption(area);
  await page.locator('[data-kpi="received"]', { hasText: /^1$/ }).waitFor();
  assert.equal(await page.locator('[data-kpi="completed"]').textContent(), '1');
  assert.equal(await page.locator('[data-kpi="on-time"]').textContent(), '100%');
  await page.getByRole('region', { name: 'Per region' }).locator(`tr[data-area="${area}"]`).waitFor();
  const crews = page.getByRole('region', { name: 'Per crew' });
  for (const skill of ['line', 'installation', 'measurement']) await crews.locator(`tr[data-crew="crew-${area}-${skill}"]`).waitFor();
  assert.match((await crews.locator(`tr[data-crew="crew-${area}-line"]`).textContent()) ?? '', /100%\s*1\/1/);
  const onTime = page.getByRole('region', { name: 'On-time rate per step' });
  assert.match((await onTime.locator('tr[data-step="work-order:installation"]').textContent()) ?? '', /Installation at the customer premises.*100%/);
  await page.getByRole('region', { name: 'Step durations' }).locator('g[data-step="order.review"]').waitFor();
  await page.getByRole('button', { name: '30 days' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[aria-label="Orders per day"] g').length >= 30);
  await screenshot(page, 'console-statistics');
  await crews.scrollIntoViewIfNeeded();
  await screenshot(page, 'console-statistics-tables');
  await page.context().close();
});
