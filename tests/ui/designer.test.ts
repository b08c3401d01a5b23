import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { lintBpmnXml, readLintConfig } from '../../src/bpmn/lint.js';
import { createZeebe, type Zeebe } from '../../src/zeebe/client.js';
import { ORDER_PATH, orderBody, runCrewsUntilDone } from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { startService, type TestService } from '../support/service.js';
import { launchBrowser, logIn, openPage, screenshot } from './support/browser.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

let svc: TestService;
let browser: Browser;
let zeebe: Zeebe;
let call: ReturnType<typeof apiClient>;

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  browser = await launchBrowser();
  zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!);
});
after(async () => {
  await browser?.close();
  await zeebe?.close();
  await svc?.stop();
});

test('a designer edits order-fulfillment, sees and fixes a lint error, deploys; the next order runs on the new version', async () => {
  const designer = await svc.createUser(['designer']);
  const before = await call('GET', '/api/v1/processes/order-fulfillment', { key: svc.keys.admin });
  assert.equal(before.status, 200);

  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, designer);
  await page.waitForURL('**/designer');
  await page.getByRole('link', { name: 'Order fulfillment' }).click();
  await page.waitForURL('**/designer/order-fulfillment');
  const accept = page.locator('.editor-canvas [data-element-id="Activity_AcceptOrder"]');
  await accept.waitFor();
  await assert.doesNotReject(page.getByTestId('lint-status').filter({ hasText: 'No problems' }).waitFor());

  // Rename the task on the canvas and raise its retries in the Zeebe properties panel.
  await accept.dblclick();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Accept order (checked)');
  await page.locator('.editor-canvas').click({ position: { x: 20, y: 20 } });
  await accept.click();
  const jobType = page.locator('#bio-properties-panel-taskDefinitionType');
  const retries = page.locator('#bio-properties-panel-taskDefinitionRetries');
  if (!(await jobType.isVisible())) await page.locator('[data-group-id="group-taskDefinition"] .bio-properties-panel-group-header').click();
  await retries.fill('5');

  // Removing the job type breaks the task: the linter flags it on the element and in the list.
  await jobType.fill('');
  await page.getByTestId('lint-status').filter({ hasText: '1 error' }).waitFor();
  await page.locator('.problems').getByText('Accept order (checked)').waitFor();
  await page.locator('.editor-canvas .bjs-linting-error, .editor-canvas .bjs-linting-error-icon, .djs-overlay-linting').first().waitFor();
  await screenshot(page, 'a-designer-lint-error');

  await jobType.fill('order.accept');
  await page.getByTestId('lint-status').filter({ hasText: 'No problems' }).waitFor();
  await page.getByRole('button', { name: 'Deploy' }).click();
  const status = page.getByTestId('deploy-status');
  await status.filter({ hasText: 'Deployed' }).waitFor();
  await screenshot(page, 'a-designer-deployed');
  const deployedText = (await status.textContent()) ?? '';
  const newVersion = before.body.version + 1;
  assert.match(deployedText, new RegExp(`order-fulfillment version ${newVersion}`));

  const list = await call('GET', '/api/v1/processes', { key: svc.keys.admin });
  const of = list.body.find((p: any) => p.processId === 'order-fulfillment');
  assert.equal(of.versions[0].version, newVersion);
  assert.equal(of.versions[0].source, 'designer');

  // The next order starts on the new version: its first job says so, and carries the new retries.
  await svc.workers.kill();
  const created = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody() });
  assert.equal(created.status, 201);
  const orderId = created.body.id as string;
  const job = await waitFor('the order.accept job of the new order', async () => {
    const res = await zeebe.activateJobs({ type: 'order.accept', worker: 'ui-test', maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 2_000 });
    const mine = res.find((j) => (j.variables as { orderId?: string }).orderId === orderId);
    for (const j of res.filter((x) => x !== mine)) await zeebe.failJob({ jobKey: j.key, errorMessage: 'not this test\'s', retries: j.retries, retryBackOff: 0 });
    return mine;
  }, 30_000, 300);
  assert.equal(Number(job.processDefinitionVersion), newVersion);
  assert.equal(job.retries, 5);
  await zeebe.failJob({ jobKey: job.key, errorMessage: 'handed back to the workers by the test', retries: job.retries, retryBackOff: 0 });
  await svc.restartWorkers();

  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const progress = await call('GET', `/api/v1/orders/${orderId}/progress`, { key: svc.keys.dispatcher });
  assert.equal(progress.body.version, newVersion);
  assert.match(progress.body.xml, /Accept order \(checked\)/);
});

test('a Camunda-Modeler file with a lint error is refused with the problem shown; the clean one deploys', async () => {
  const designer = await svc.createUser(['designer']);
  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, designer);
  await page.waitForURL('**/designer');

  await page.getByLabel('BPMN file').setInputFiles(path.join(fixtures, 'site-survey-no-job-type.bpmn'));
  await page.waitForURL('**/designer/site-survey');
  await page.getByTestId('lint-status').filter({ hasText: '1 error' }).waitFor();
  await page.getByRole('button', { name: 'Deploy' }).click();
  const status = page.getByTestId('deploy-status');
  await status.filter({ hasText: 'The server refused the deployment' }).waitFor();
  assert.match((await status.textContent()) ?? '', /Activity_PlanSurvey.*zeebe:TaskDefinition/);
  await screenshot(page, 'b-designer-refused');

  // The API refuses it the same way, whoever sends it.
  const broken = await readFile(path.join(fixtures, 'site-survey-no-job-type.bpmn'), 'utf8');
  const refused = await call('POST', '/api/v1/processes', { key: svc.keys.admin, rawBody: broken, headers: { 'content-type': 'application/xml' } });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.details.map((d: any) => [d.id, d.rule]), [['Activity_PlanSurvey', 'camunda-compat/implementation']]);
  assert.equal((await call('GET', '/api/v1/processes/site-survey', { key: svc.keys.admin })).status, 404);

  await page.getByLabel('Replace with file').setInputFiles(path.join(fixtures, 'site-survey-clean.bpmn'));
  await page.getByTestId('lint-status').filter({ hasText: 'No problems' }).waitFor();
  await page.getByRole('button', { name: 'Deploy' }).click();
  await status.filter({ hasText: 'Deployed: site-survey version 1' }).waitFor();
  await screenshot(page, 'b-designer-clean-deployed');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download .bpmn' }).click();
  const file = await (await download).path();
  const xml = await readFile(file, 'utf8');
  assert.match(xml, /modeler:executionPlatformVersion="8\.6\.0"/);
  assert.match(xml, /zeebe:taskDefinition type="survey.plan"/);

  await page.goto(`${svc.baseUrl}/designer`);
  await page.locator('tr[data-process="site-survey"]').getByText('v1').waitFor();
  await screenshot(page, 'b-designer-flows');
});

test('the designer\'s lint follows .bpmnlintrc: construction\'s job-based user tasks show no problem, and it deploys', async () => {
  // Without the project's override camunda-compat would flag both user tasks: the check below means something.
  const xml = (await call('GET', '/api/v1/processes/construction', { key: svc.keys.admin })).body.xml as string;
  const unmodified = await lintBpmnXml(xml, { ...(await readLintConfig()), rules: {} });
  assert.deepEqual(unmodified.filter((p) => p.rule === 'camunda-compat/zeebe-user-task').map((p) => p.id).sort(), ['Activity_Approve', 'Activity_DesignConstruction']);

  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, await svc.createUser(['designer']));
  await page.getByRole('link', { name: 'Construction' }).click();
  await page.waitForURL('**/designer/construction');
  await page.locator('.editor-canvas [data-element-id="Activity_Approve"]').waitFor();
  await page.getByTestId('lint-status').filter({ hasText: 'No problems' }).waitFor();
  const problems = page.getByLabel('Problems');
  await problems.getByText('The diagram lints clean for Camunda 8.6.').waitFor();
  for (const task of ['Activity_Approve', 'Activity_DesignConstruction']) {
    assert.equal(await page.locator(`.djs-overlays[data-container-id="${task}"] [class*="linting"]`).count(), 0, `no lint marker on ${task}`);
  }
  await screenshot(page, 'f-designer-user-tasks-clean');

  await page.getByRole('button', { name: 'Deploy' }).click();
  await page.getByTestId('deploy-status').filter({ hasText: /Deployed: construction version \d+/ }).waitFor();
  const flows = await call('GET', '/api/v1/processes', { key: svc.keys.admin });
  assert.equal(flows.body.find((p: { processId: string }) => p.processId === 'construction').versions[0].source, 'designer');
});

test('the designer flags what the server refuses: a task without a name is an error before deploy, as on deploy', async () => {
  // bpmnlint's `recommended` set (the server's) requires names; Camunda's linter alone (only the
  // `correctness` set) passes this file, so the browser showing the error means it lints as the server.
  const unnamed = await readFile(path.join(fixtures, 'site-survey-unnamed-task.bpmn'), 'utf8');
  const byServer = await lintBpmnXml(unnamed, await readLintConfig());
  assert.deepEqual(byServer.filter((p) => p.category === 'error').map((p) => [p.id, p.rule]), [['Activity_PlanSurvey', 'label-required']]);

  const page = await openPage(browser);
  await logIn(page, svc.baseUrl, await svc.createUser(['designer']));
  await page.waitForURL('**/designer');
  await page.getByLabel('BPMN file').setInputFiles(path.join(fixtures, 'site-survey-unnamed-task.bpmn'));
  await page.waitForURL('**/designer/site-survey');
  await page.getByTestId('lint-status').filter({ hasText: '1 error' }).waitFor();
  await page.getByLabel('Problems').locator('.problem-error').getByText(/label|name/i).waitFor();
  await page.locator('.djs-overlays[data-container-id="Activity_PlanSurvey"] [class*="linting"]').first().waitFor();
  await screenshot(page, 'f-designer-unnamed-task');

  const refused = await call('POST', '/api/v1/processes', { key: svc.keys.admin, rawBody: unnamed, headers: { 'content-type': 'application/xml' } });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.body.details.map((d: any) => [d.id, d.rule]), [['Activity_PlanSurvey', 'label-required']]);
});
