import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createTestArea, ORDER_PATH, orderBody, productWithOwnWork, sessionToken, WORK_ORDER_PATH, workOrdersOf,
} from '../../support/fixtures.js';
import { waitFor } from '../../support/http.js';
import { serviceForThisFile } from '../../support/service.js';

const { svc, call } = serviceForThisFile();

const spliceForm = (extra: object[] = []) => ({
  type: 'default',
  components: [
    { type: 'number', key: 'lossDb', label: 'Splice loss', validate: { required: true, min: 0, max: 0.5 }, appearance: { suffixAdorner: 'dB' } },
    ...extra,
  ],
});
const spliceType = {
  type: 'select', key: 'spliceType', label: 'Splice type', validate: { required: true },
  values: [{ label: 'Fusion', value: 'fusion' }, { label: 'Mechanical', value: 'mechanical' }],
};
const closureId = { type: 'textfield', key: 'closureId', label: 'Closure', validate: { pattern: '^SC-[0-9]{4}$' } };

async function designerToken(): Promise<string> {
  return sessionToken(svc, await svc.createUser(['designer']));
}

test('forms: designers create and publish numbered versions that never change; others may not; a form the server cannot check is refused', async () => {
  const designer = await designerToken();
  const id = `splice-report-${Date.now()}`;
  const created = await call('POST', '/api/v1/forms', { key: designer, body: { id, name: 'Splice report', schema: spliceForm() } });
  assert.equal(created.status, 201);
  assert.equal(created.body.version, 1);
  assert.equal((await call('POST', '/api/v1/forms', { key: designer, body: { id, name: 'Again', schema: spliceForm() } })).status, 409);

  const v2 = await call('POST', `/api/v1/forms/${id}/versions`, { key: designer, body: { schema: spliceForm([spliceType]) } });
  assert.equal(v2.status, 201);
  assert.equal(v2.body.version, 2);
  const summary = await call('GET', `/api/v1/forms/${id}`, { key: designer });
  assert.deepEqual(summary.body.versions.map((v: any) => v.version), [2, 1]);
  const v1 = await call('GET', `/api/v1/forms/${id}/versions/1`, { key: designer });
  assert.deepEqual(v1.body.schema, spliceForm(), 'version 1 is what was published first');
  await assert.rejects(svc.db('form_versions').where({ form_id: id, version: 1 }).update({ schema: JSON.stringify(spliceForm([spliceType])) }), /cannot change/);

  const refused = await call('POST', `/api/v1/forms/${id}/versions`, {
    key: designer,
    body: { schema: spliceForm([{ type: 'filepicker', key: 'photo' }, { ...closureId, conditional: { hide: '=lossDb > 0.3' } }]) },
  });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.details.length, 2, JSON.stringify(refused.body.details));
  assert.match(refused.body.message, /filepicker component is not supported/);
  assert.equal((await call('GET', `/api/v1/forms/${id}`, { key: designer })).body.versions.length, 2, 'nothing was published');
  assert.equal((await call('POST', '/api/v1/forms/no-such-form/versions', { key: designer, body: { schema: spliceForm() } })).status, 404);
  assert.equal((await call('POST', '/api/v1/forms', { key: designer, body: { id: 'Bad Id', name: 'x', schema: spliceForm() } })).status, 400);

  // Role checks: crews read a version (to fill it in), never list, publish or link.
  const crew = await svc.crewKey('crew-hz-xh-line');
  assert.equal((await call('GET', '/api/v1/forms', { key: crew })).status, 403);
  assert.equal((await call('POST', `/api/v1/forms/${id}/versions`, { key: crew, body: { schema: spliceForm() } })).status, 403);
  assert.equal((await call('POST', `/api/v1/forms/${id}/versions`, { key: svc.keys.dispatcher, body: { schema: spliceForm() } })).status, 403);
  assert.equal((await call('PUT', '/api/v1/step-forms/work-order:line', { key: crew, body: { formId: id, version: 1 } })).status, 403);
  assert.equal((await call('GET', `/api/v1/forms/${id}/versions/2`, { key: crew })).status, 200);
  assert.equal((await call('GET', `/api/v1/forms/${id}/versions/3`, { key: crew })).status, 404);

  // The demo kinds start with their measurement fields as version 1 of their form.
  const steps = await call('GET', '/api/v1/step-forms', { key: designer });
  assert.deepEqual(steps.body.find((s: any) => s.step === 'work-order:line').form, { id: 'work-order-line', version: 1 });
  const lineForm = await call('GET', '/api/v1/forms/work-order-line/versions/1', { key: crew });
  assert.deepEqual(lineForm.body.schema.components.map((c: any) => [c.key, c.type, c.validate]), [['fiberLengthM', 'number', { required: true, min: 0, max: 5000 }]]);
  assert.equal((await call('PUT', '/api/v1/step-forms/work-order:nothing', { key: designer, body: { formId: id, version: 1 } })).status, 404);
  assert.equal((await call('PUT', '/api/v1/step-forms/work-order:line', { key: designer, body: { formId: id, version: 9 } })).status, 400);
});

test('a close is checked against the form its step shows, on the server; a refused close writes nothing; the version it was closed with is kept', async () => {
  const designer = await designerToken();
  const { offering, kind, step } = await productWithOwnWork(svc.db, { defineKind: true });
  const formId = `${kind}-form`;
  await call('POST', '/api/v1/forms', { key: designer, body: { id: formId, name: 'Splice report', schema: spliceForm() } });
  assert.equal((await call('PUT', `/api/v1/step-forms/${step}`, { key: designer, body: { formId, version: 1 } })).status, 200);

  const { area, address } = await createTestArea(svc.db, { pon_port: 1, line_segment: 1 });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: [offering], address }) });
  const [wo] = await workOrdersOf(svc, order.body.id, 1);
  assert.deepEqual(wo.form, { id: formId, version: 1 });
  const crew = await svc.crewKey(`crew-${area}-line`);
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew, body: { state: 'inProgress' } });

  // The designer adds a required select and a patterned field; the step shows them from now on.
  const v2 = await call('POST', `/api/v1/forms/${formId}/versions`, { key: designer, body: { schema: spliceForm([spliceType, closureId]) } });
  await call('PUT', `/api/v1/step-forms/${step}`, { key: designer, body: { formId, version: v2.body.version } });
  assert.deepEqual((await call('GET', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew })).body.form, { id: formId, version: 2 });

  const close = (body: object) => call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew, body: { state: 'completed', ...body } });
  const stale = await close({ measurements: { lossDb: 0.1 }, form: { id: formId, version: 1 } });
  assert.equal(stale.status, 409, 'filled in on version 1, which the step no longer shows');
  assert.match(stale.body.message, /version 2/);
  const missing = await close({ measurements: { lossDb: 0.1 } });
  assert.equal(missing.status, 400);
  assert.deepEqual(missing.body.details, ['measurements.spliceType is required']);
  const wrong = await close({ measurements: { lossDb: '0.1', spliceType: 'glued', closureId: 'SC-12', colour: 'red' }, form: { id: formId, version: 2 } });
  assert.equal(wrong.status, 400);
  assert.deepEqual(wrong.body.details, [
    'measurements.lossDb must be a number',
    'measurements.spliceType must be one of fusion, mechanical',
    'measurements.closureId must match ^SC-[0-9]{4}$',
    'measurements.colour is not a field of this form',
  ]);
  assert.match((await close({ measurements: { lossDb: 0.9, spliceType: 'fusion' } })).body.message, /lossDb must be at most 0.5 dB/);
  const row = await svc.db('work_orders').where({ id: wo.id }).first();
  assert.deepEqual([row.state, row.measurements, row.form_version], ['inProgress', null, null], 'a refused close changes nothing');
  assert.equal(await svc.db('outbox').where({ ordering_key: `msg:work-order-closed:${wo.id}` }).first(), undefined, 'and resumes no flow');

  const done = await close({ measurements: { lossDb: 0.12, spliceType: 'fusion', closureId: '' }, form: { id: formId, version: 2 } });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.deepEqual(done.body.measurements, { lossDb: 0.12, spliceType: 'fusion' });
  assert.deepEqual(done.body.form, { id: formId, version: 2 });

  // A later version does not rewrite history: the closed work order keeps the version it was closed with.
  const v3 = await call('POST', `/api/v1/forms/${formId}/versions`, { key: designer, body: { schema: spliceForm() } });
  await call('PUT', `/api/v1/step-forms/${step}`, { key: designer, body: { formId, version: v3.body.version } });
  assert.deepEqual((await call('GET', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew })).body.form, { id: formId, version: 2 });
  const trace = await call('GET', `/api/v1/orders/${order.body.id}/trace`, { key: svc.keys.dispatcher });
  const closed = trace.body.steps.find((s: any) => s.step === step);
  assert.deepEqual(closed.details.form, { id: formId, version: 2 });
  await waitFor('the order to complete', async () => (await call('GET', `${ORDER_PATH}/${order.body.id}`, { key: svc.keys.crm })).body.state === 'completed');
});
