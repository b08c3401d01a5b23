import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApiKey } from '../../src/auth/keys.js';
import { createTestArea, WORK_ORDER_PATH } from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

let svc: TestService;
let browser: Browser;
let call: ReturnType<typeof apiClient>;

const phone = { width: 390, height: 844 };
const desk = { width: 1440, height: 900 };
const CONSTRUCTION_PATH = '/api/v1/constructionOrders';

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await svc?.stop();
});

const keyFor = async (name: string, posts: string[]) => (await createApiKey(svc.db, { name, roles: ['planning'], posts })).key;

test('the construction manager approves on a phone, after a refusal without a decision; the network designer draws the design at a desk', async () => {
  const planning = await keyFor('network planning system', []);
  const manager = await svc.createUser(['planning'], undefined, ['construction-manager']);
  const { area } = await createTestArea(svc.db, {});

  // The manager holds the approval post: the app opens on the task list.
  const page = await openPage(browser, phone);
  await logIn(page, svc.baseUrl, manager);
  await page.waitForURL('**/tasks');
  await page.getByRole('link', { name: 'Tasks' }).waitFor();
  await page.getByText('Your posts: construction-manager').waitFor();
  // Marks this document: the task must arrive in it, not after a reload.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  const created = await call('POST', CONSTRUCTION_PATH, {
    key: planning,
    body: { source: 'network-planning', title: `PON capacity for ${area}`, area, priority: 2, requestedCapacity: [{ type: 'pon_port', quantity: 2 }] },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as string;

  // Other requests may wait for approval too (the database is shared by the suite): this one's card.
  const card = page.locator('[data-task]').filter({ hasText: 'Approve the construction request' }).filter({ hasText: `PON capacity for ${area}` });
  await card.waitFor({ timeout: 60_000 });
  assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true, 'the task arrived without a reload');
  // What the manager decides on: the request as network planning sent it.
  await card.getByText(`PON capacity for ${area}`).waitFor();
  await card.getByText(`Construction order ${id.slice(0, 8)}`).waitFor();
  await card.getByText('2 × PON port').waitFor();
  await screenshot(page, 'p-tasks-arrived');

  // No decision: the server refuses, the page says why and marks the field; the task stays open.
  await card.getByRole('button', { name: 'Open' }).click();
  await card.getByRole('button', { name: 'Complete task' }).click();
  await card.getByRole('alert').filter({ hasText: 'Not sent: approved: is required' }).waitFor();
  await card.getByText('Decision: is required').waitFor();
  await screenshot(page, 'p-tasks-refused');
  const [task] = (await call('GET', `/api/v1/tasks?subjectId=${id}`, { key: svc.keys.dispatcher })).body;
  assert.deepEqual([task.formKey, task.state], ['construction-approval', 'open']);

  await card.getByRole('radio', { name: 'Approve' }).check();
  await card.getByRole('textbox', { name: 'Note' }).fill('In the access network budget');
  await card.getByRole('button', { name: 'Complete task' }).click();
  await page.getByRole('status').filter({ hasText: 'Done: Approve the construction request' }).waitFor();
  await card.waitFor({ state: 'detached' });
  await screenshot(page, 'p-tasks-done');

  // The flow goes on: the order is in progress and the design post has its task.
  const done = await svc.db('post_tasks').where({ id: task.id }).first();
  assert.deepEqual([done.state, done.result], ['completed', { approved: true, note: 'In the access network budget' }]);
  assert.equal((await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: planning })).body.state, 'inProgress');
  const trace = await call('GET', `${CONSTRUCTION_PATH}/${id}/trace`, { key: planning });
  assert.ok(trace.body.steps.some((s: { step: string }) => s.step === 'post-task:construction-approval'), 'the approval is in the order\'s trace');

  // A dispatcher sees every post's tasks, and leaves the answer to the post.
  const dispatcher = await openPage(browser, desk);
  await logIn(dispatcher, svc.baseUrl, await svc.createUser(['dispatcher']));
  await dispatcher.getByRole('link', { name: 'Tasks' }).click();
  const watched = dispatcher.locator('[data-task]').filter({ hasText: `PON capacity for ${area}` });
  await watched.getByText('The network-design post answers this task.').waitFor({ timeout: 60_000 });
  assert.equal(await watched.getByRole('button', { name: 'Open' }).count(), 0);
  await screenshot(dispatcher, 'p-tasks-dispatcher');

  // The designer fills in the design's lists: a site with two new ports, a board from the store.
  const page2 = await openPage(browser, desk);
  await logIn(page2, svc.baseUrl, await svc.createUser(['planning'], undefined, ['network-design']));
  const design = page2.locator('[data-task]').filter({ hasText: 'Design the construction' }).filter({ hasText: `PON capacity for ${area}` });
  await design.getByRole('button', { name: 'Open' }).click();
  const site = design.getByRole('group', { name: 'Site 1' });
  await site.getByRole('textbox', { name: 'Site code' }).fill(`${area}-OLT-02`);
  for (const n of [1, 2]) {
    if (n > 1) await site.getByRole('button', { name: 'Add resource' }).click();
    const resource = site.getByRole('group', { name: `Resource ${n}` });
    await resource.getByRole('combobox', { name: 'Type' }).selectOption('pon_port');
    await resource.getByRole('textbox', { name: 'Name' }).fill(`OLT-${area}-02/1/1/${n}`);
  }
  await design.getByRole('button', { name: 'Add material' }).click();
  const material = design.getByRole('group', { name: 'Material 1' });
  await material.getByRole('textbox', { name: 'Material' }).fill('olt-pon-board-16');
  await material.getByRole('spinbutton', { name: 'Quantity' }).fill('1');
  await screenshot(page2, 'p-tasks-design');
  await design.getByRole('button', { name: 'Complete task' }).click();
  await page2.getByRole('status').filter({ hasText: 'Done: Design the construction' }).waitFor();

  // The design is reserved and the construction crew gets its work order.
  const designed = await waitFor('the site reserved', async () => {
    const r = await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: planning });
    return r.body.sites.length === 1 ? r.body : undefined;
  });
  assert.equal(designed.sites[0].code, `${area}-OLT-02`);
  assert.deepEqual(designed.materials.map((m: { materialId: string; state: string }) => [m.materialId, m.state]), [['olt-pon-board-16', 'reserved']]);
  const [build] = await waitFor('the construction work order', async () => {
    const r = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher });
    return r.body.length === 1 ? r.body : undefined;
  });
  assert.deepEqual([build.category, build.relatedParty[0].id], ['site-construction', `crew-${area}-construction`]);
});
