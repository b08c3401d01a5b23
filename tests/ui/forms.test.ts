import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  createTestArea, ORDER_PATH, orderBody, productWithOwnWork, sessionToken, WORK_ORDER_PATH, workOrdersOf,
} from '../support/fixtures.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

const { svc, call } = serviceForThisFile();
let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a designer adds a required field to a step\'s form in the form editor and publishes it; the crew sees it and cannot close without it', async () => {
  // A kind of field work of its own, whose step shows version 1 of its own form.
  const { offering, kind, step } = await productWithOwnWork(svc.db, { defineKind: true });
  const formId = `${kind}-report`;
  const designer = await svc.createUser(['designer']);
  const designerToken = await sessionToken(svc, designer);
  const v1 = {
    type: 'default',
    components: [{ type: 'number', id: 'Field_loss', key: 'lossDb', label: 'Splice loss', validate: { required: true, min: 0, max: 0.5 }, appearance: { suffixAdorner: 'dB' } }],
  };
  assert.equal((await call('POST', '/api/v1/forms', { key: designerToken, body: { id: formId, name: 'Fibre splicing report', schema: v1 } })).status, 201);
  assert.equal((await call('PUT', `/api/v1/step-forms/${step}`, { key: designerToken, body: { formId, version: 1 } })).status, 200);
  const { area, address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1 });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [offering], address }) });
  const [wo] = await workOrdersOf(svc, order.body.id, 1);

  // The designer opens the form from the list of step forms.
  const desk = await openPage(browser);
  await logIn(desk, svc.baseUrl, designer);
  await desk.goto(`${svc.baseUrl}/designer/forms`);
  await desk.getByRole('table', { name: 'Forms' }).getByRole('link', { name: 'Fibre splicing report' }).click();
  await desk.waitForURL(`**/designer/forms/${formId}`);
  await desk.locator('.fjs-editor-container .fjs-form-field').first().waitFor();

  // Adds a text field from the palette (the keyboard path form-js offers besides dragging), names it and makes it required.
  await desk.locator('.fjs-palette-field[data-field-type="textfield"]').focus();
  await desk.keyboard.press('Enter');
  await desk.locator('.fjs-editor-container .fjs-form-field').nth(1).click();
  const panel = desk.locator('.fjs-properties-container');
  await panel.getByText('General', { exact: true }).click();
  await panel.getByLabel('Field label').fill('Splice closure');
  const key = panel.getByLabel('Key', { exact: true });
  await key.fill('closureId');
  await panel.getByText('Validation', { exact: true }).click();
  await panel.getByLabel('Required').check();
  await desk.getByText('changed, not published').waitFor();
  await desk.getByRole('button', { name: 'Publish version' }).click();
  await desk.getByTestId('form-status').filter({ hasText: 'Published version 2' }).waitFor();
  assert.equal(await desk.getByRole('combobox', { name: 'Step' }).inputValue(), step, 'the step that shows this form is preselected');
  await desk.getByRole('button', { name: 'Show v2 on this step' }).click();
  await desk.getByTestId('step-shows').filter({ hasText: 'shows v2' }).waitFor();
  await screenshot(desk, 'f-form-editor-published');

  const published = await call('GET', `/api/v1/forms/${formId}/versions/2`, { key: designerToken });
  const added = published.body.schema.components.find((c: any) => c.key === 'closureId');
  assert.equal(added?.type, 'textfield');
  assert.equal(added?.label, 'Splice closure', 'what the designer typed last before publishing is in the version');
  assert.equal(added?.validate?.required, true);

  // The crew, on a phone, sees the new field, and the close is refused until it is filled in.
  const member = await svc.createUser(['crew'], `crew-${area}-line`);
  const phone = await openPage(browser, { width: 390, height: 844 });
  await logIn(phone, svc.baseUrl, member);
  const card = phone.locator(`[data-work-order="${wo.id}"]`);
  await card.getByRole('button', { name: 'Accept' }).click();
  try {
    await card.locator('[data-form]').waitFor();
    assert.equal(await card.locator('[data-form]').getAttribute('data-form'), `${formId}@2`);
    await card.getByLabel('Splice closure').waitFor();
  } catch (err) {
    // Seen once in a full run and never alone: keep what the phone showed.
    await screenshot(phone, 'g-crew-form-missing');
    throw err;
  }
  await card.getByLabel('Splice loss').fill('0.12');
  await card.getByRole('button', { name: 'Close work order' }).click();
  await card.locator('.fjs-form-field-error').filter({ hasText: 'Field is required' }).waitFor();
  await screenshot(phone, 'g-crew-new-required-field');
  const crewKey = await svc.crewKey(`crew-${area}-line`);
  const refused = await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: crewKey, body: { state: 'completed', measurements: { lossDb: 0.12 } } });
  assert.deepEqual(refused.body.details, ['measurements.closureId is required'], 'the API refuses what the form refused');

  await card.getByLabel('Splice closure').fill('SC-0042');
  await card.getByRole('button', { name: 'Close work order' }).click();
  await phone.getByRole('list', { name: 'Earlier work orders' }).locator(`[data-work-order="${wo.id}"]`).getByText('Completed').waitFor();
  await screenshot(phone, 'g-crew-closed-with-new-form');
  const closed = await call('GET', `${WORK_ORDER_PATH}/${wo.id}`, { key: svc.keys.dispatcher });
  assert.deepEqual(closed.body.measurements, { lossDb: 0.12, closureId: 'SC-0042' });
  assert.deepEqual(closed.body.form, { id: formId, version: 2 });
  await waitFor('the order to complete', async () => (await call('GET', `${ORDER_PATH}/${order.body.id}`, { key: svc.keys.crm })).body.state === 'completed');
});
