import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createApiKey } from '../../src/auth/keys.js';
import {
  createTestArea, ORDER_PATH, orderBody, productWithOwnWork, runCrewsUntilDone, validMeasurements, WORK_ORDER_PATH, workOrdersOf,
} from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { passwordOf, startService, type TestService } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

let svc: TestService;
let browser: Browser;
let call: ReturnType<typeof apiClient>;
let orderId: string;
let lineWorkOrder: { id: string; crew: string };
let otherCrew: string;

const phone = { width: 390, height: 844 };

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  browser = await launchBrowser();
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody() });
  orderId = created.body.id;
  const list = await waitFor('the order\'s work orders', async () => {
    const res = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
    return res.body.length === 7 ? res.body as any[] : undefined;
  });
  const line = list.find((w) => w.category === 'line');
  lineWorkOrder = { id: line.id, crew: line.relatedParty[0].id };
  otherCrew = list.find((w) => w.relatedParty[0].id !== lineWorkOrder.crew).relatedParty[0].id;
});
after(async () => {
  await browser?.close();
  await svc?.stop();
});

test('a crew member on a phone accepts a work order, is refused without a required measurement, closes it; the order moves on', async () => {
  const member = await svc.createUser(['crew'], lineWorkOrder.crew);
  const page = await openPage(browser, phone);
  await logIn(page, svc.baseUrl, member);
  await page.waitForURL('**/crew');
  const card = page.locator(`[data-work-order="${lineWorkOrder.id}"]`);
  await card.getByRole('button', { name: 'Accept' }).click();
  // The step's form, rendered by the form-js viewer from the version the work order names.
  const fibre = card.getByLabel('Fiber length');
  await fibre.waitFor();
  assert.equal(await card.locator('[data-form]').getAttribute('data-form'), 'work-order-line@1');
  assert.equal((await call('GET', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: svc.keys.dispatcher })).body.state, 'inProgress');

  // The fibre length is required: the form marks it, nothing is sent, and the API would refuse it too.
  await card.getByRole('button', { name: 'Close work order' }).click();
  await card.locator('.fjs-form-field-error').filter({ hasText: 'Field is required' }).waitFor();
  await card.getByRole('alert').filter({ hasText: 'Fill in the marked fields' }).waitFor();
  await screenshot(page, 'c-crew-required-missing');
  const crewKey = await svc.crewKey(lineWorkOrder.crew);
  const refused = await call('PATCH', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: crewKey, body: { state: 'completed', measurements: {} } });
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.details, ['measurements.fiberLengthM is required']);
  assert.equal((await call('GET', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: svc.keys.dispatcher })).body.state, 'inProgress');

  await fibre.fill('140');
  await card.getByRole('button', { name: 'Close work order' }).click();
  await page.getByRole('list', { name: 'Earlier work orders' }).locator(`[data-work-order="${lineWorkOrder.id}"]`).getByText('Completed').waitFor();
  await screenshot(page, 'c-crew-closed');

  const closed = await call('GET', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: svc.keys.dispatcher });
  assert.equal(closed.body.state, 'completed');
  assert.deepEqual(closed.body.measurements, { fiberLengthM: 140 });
  assert.deepEqual(closed.body.form, { id: 'work-order-line', version: 1 });
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.steps.some((s: any) => s.step === 'work-order:line' && s.scopeKey === lineWorkOrder.id));
  // The other crews close theirs; the order completes.
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
});

test('a crew member returns a work order with a reason; it goes to another crew of the skill and leaves the list', async () => {
  const { area, address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1 });
  const { offering } = await productWithOwnWork(svc.db, { defineKind: true });
  await svc.db('crews').insert({ id: `crew-${area}-line-2`, name: `${area} second line crew`, area, skills: ['line'] });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [offering], address }) });
  const [wo] = await workOrdersOf(svc, order.body.id, 1);
  const member = await svc.createUser(['crew'], `crew-${area}-line`);
  const page = await openPage(browser, phone);
  await logIn(page, svc.baseUrl, member);
  const card = page.locator(`[data-work-order="${wo.id}"]`);
  await card.getByRole('button', { name: 'Return' }).click();
  await card.getByLabel('Why can\'t your crew do it?').fill('Customer not at home, no access to the building');
  await screenshot(page, 'e-crew-return');
  await card.getByRole('button', { name: 'Return to dispatch' }).click();
  await page.getByRole('status').filter({ hasText: `went to crew-${area}-line-2` }).waitFor();
  await card.waitFor({ state: 'detached' });
  await screenshot(page, 'e-crew-returned');

  const moved = await call('GET', `${WORK_ORDER_PATH}/${wo.id}`, { key: svc.keys.dispatcher });
  assert.deepEqual([moved.body.state, moved.body.relatedParty[0].id], ['acknowledged', `crew-${area}-line-2`]);
  const trace = await call('GET', `/api/v1/orders/${order.body.id}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'work order returned and reassigned' && e.details.reason === 'Customer not at home, no access to the building'));
  assert.equal(await runCrewsUntilDone(svc, order.body.id), 'completed');
});

test('a crew member cannot see or close another crew\'s work order', async () => {
  const member = await svc.createUser(['crew'], otherCrew);
  const page = await openPage(browser, phone);
  await logIn(page, svc.baseUrl, member);
  await page.waitForURL('**/crew');
  await page.locator('.crew-head').waitFor();
  await page.locator('[data-work-order]').first().waitFor();
  assert.equal(await page.locator(`[data-work-order="${lineWorkOrder.id}"]`).count(), 0, 'the other crew\'s work order is not listed');
  await screenshot(page, 'd-crew-other-crew');

  const session = await call('POST', '/api/v1/session', { body: { username: member, password: passwordOf(member) } });
  assert.equal(session.status, 201);
  const token = session.body.token as string;
  assert.equal((await call('GET', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: token })).status, 403);
  const patch = await call('PATCH', `${WORK_ORDER_PATH}/${lineWorkOrder.id}`, { key: token, body: { state: 'completed', measurements: { fiberLengthM: 1 } } });
  assert.equal(patch.status, 403);
  const mine = await call('GET', WORK_ORDER_PATH, { key: token });
  assert.ok(mine.body.length > 0 && mine.body.every((w: any) => w.relatedParty[0].id === otherCrew));
});

test('a measurement crew fails a site\'s acceptance test on a phone (验收不通过): the site goes back to its builders', async () => {
  // A construction request approved and designed through the API; the site is built.
  const { area } = await createTestArea(svc.db, {});
  const key = async (posts: string[]) => (await createApiKey(svc.db, { name: `planning ${posts}`, roles: ['planning'], posts })).key;
  const [planning, manager, designer] = [await key([]), await key(['construction-manager']), await key(['network-design'])];
  const created = await call('POST', '/api/v1/constructionOrders', { key: planning, body: { source: 'network-planning', title: `PON capacity for ${area}`, area, priority: 2 } });
  const id = created.body.id as string;
  const answer = async (post: string, k: string, data: unknown) => {
    const task = await waitFor(`the ${post} task`, async () => ((await call('GET', `/api/v1/tasks?subjectId=${id}`, { key: k })).body as any[])[0]);
    assert.equal((await call('POST', `/api/v1/tasks/${task.id}/complete`, { key: k, body: { data } })).status, 200);
  };
  await answer('approval', manager, { approved: true });
  await answer('design', designer, { sites: [{ code: `${area}-OLT-01`, resources: [{ type: 'pon_port', name: `OLT-${area}-01/1/1/1` }] }] });
  const ofKind = (category: string) => waitFor(`an open ${category} work order`, async () => {
    const open = ((await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher })).body as any[])
      .filter((w) => w.category === category && w.state === 'acknowledged');
    return open.length ? open : undefined;
  });
  const [build] = await ofKind('site-construction');
  const builder = await svc.crewKey(build.relatedParty[0].id);
  await call('PATCH', `${WORK_ORDER_PATH}/${build.id}`, { key: builder, body: { state: 'inProgress' } });
  await call('PATCH', `${WORK_ORDER_PATH}/${build.id}`, { key: builder, body: { state: 'completed', measurements: validMeasurements['site-construction'] } });

  // The measurement crew tests the site on a phone: readings in range, but the site does not pass.
  const [test] = await ofKind('acceptance-test');
  const page = await openPage(browser, phone);
  await logIn(page, svc.baseUrl, await svc.createUser(['crew'], test.relatedParty[0].id));
  const card = page.locator(`[data-work-order="${test.id}"]`);
  await card.getByRole('button', { name: 'Accept' }).click();
  await card.getByLabel('Ports tested').fill('1');
  await card.getByLabel('Optical power').fill('-17.9');
  await card.getByLabel('Insertion loss').fill('31');
  await card.getByRole('button', { name: 'Close work order' }).click();
  await card.getByRole('alert').filter({ hasText: 'Say whether the site passed' }).waitFor();
  await card.getByRole('radio', { name: 'Failed: rebuild' }).check();
  await card.getByRole('button', { name: 'Close work order' }).click();
  await card.getByRole('alert').filter({ hasText: 'Say in the note what failed' }).waitFor();
  await card.getByRole('textbox', { name: 'Note' }).fill('insertion loss 31 dB on port 1: splice at the ODF');
  await screenshot(page, 'h-crew-acceptance-failed');
  await card.getByRole('button', { name: 'Close work order' }).click();
  await page.locator(`[data-work-order="${test.id}"].wo-completed`).waitFor();

  const closed = (await call('GET', `${WORK_ORDER_PATH}/${test.id}`, { key: svc.keys.dispatcher })).body;
  assert.deepEqual([closed.state, closed.result, closed.note[0].text], ['completed', 'failed', 'insertion loss 31 dB on port 1: splice at the ODF']);
  const [rebuild] = await ofKind('site-construction');
  assert.notEqual(rebuild.id, build.id);
  assert.match(rebuild.workOrderItem[0].description, /rebuild round 2/);
});

test('sessions: a wrong password is a 401, logout ends the session, only admins create users', async () => {
  const member = await svc.createUser(['crew'], otherCrew);
  assert.equal((await call('POST', '/api/v1/session', { body: { username: member, password: 'not-the-password' } })).status, 401);
  assert.equal((await call('POST', '/api/v1/session', { body: { username: 'nobody-here', password: 'whatever-it-is' } })).status, 401);
  const { body: s } = await call('POST', '/api/v1/session', { body: { username: member, password: passwordOf(member) } });
  const who = await call('GET', '/api/v1/session', { key: s.token });
  assert.deepEqual(who.body, { name: s.user.name, roles: ['crew'], crewId: otherCrew, posts: [], kind: 'session' });
  assert.deepEqual((await call('GET', '/api/v1/work-order-kinds', { key: s.token })).body.find((k: any) => k.kind === 'line').form, { id: 'work-order-line', version: 1 });
  assert.equal((await call('DELETE', '/api/v1/session', { key: s.token })).status, 204);
  assert.equal((await call('GET', '/api/v1/session', { key: s.token })).status, 401);

  const user = { username: `dispatcher-${Date.now()}`, password: 'long-enough-secret', roles: ['dispatcher'] };
  assert.equal((await call('POST', '/api/v1/admin/users', { key: svc.keys.dispatcher, body: user })).status, 403);
  const created = await call('POST', '/api/v1/admin/users', { key: svc.keys.admin, body: user });
  assert.equal(created.status, 201);
  assert.equal((await call('POST', '/api/v1/admin/users', { key: svc.keys.admin, body: user })).status, 409);
  assert.equal((await call('POST', '/api/v1/admin/users', { key: svc.keys.admin, body: { ...user, username: 'crewless', roles: ['crew'] } })).status, 400);
  assert.equal((await call('POST', '/api/v1/admin/users', { key: svc.keys.admin, body: { ...user, username: 'shorty', password: 'short' } })).status, 400);
});
