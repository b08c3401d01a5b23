import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFromMeasurementFields } from '../../../src/forms/from-measurement-fields.js';
import { schemaProblems, type FormSchema } from '../../../src/forms/schema.js';
import { checkSubmission } from '../../../src/forms/submission.js';

const form: FormSchema = {
  type: 'default',
  components: [
    { type: 'text', text: '# Acceptance test' },
    { type: 'number', key: 'opticalPowerDbm', validate: { required: true, min: -30, max: -8 }, appearance: { suffixAdorner: 'dBm' } },
    { type: 'number', key: 'spliceCount', decimalDigits: 0, increment: '2' },
    { type: 'textfield', key: 'serial', validate: { pattern: '^[A-Z0-9]+$', minLength: 4, maxLength: 12 } },
    { type: 'textfield', key: 'contact', validate: { validationType: 'email' } },
    { type: 'select', key: 'result', values: [{ label: 'Pass', value: 'pass' }, { label: 'Fail', value: 'fail' }], validate: { required: true } },
    { type: 'checklist', key: 'checks', values: [{ label: 'Labelled', value: 'labelled' }, { label: 'Cleaned', value: 'cleaned' }] },
    { type: 'checkbox', key: 'customerSigned', validate: { required: true } },
    { type: 'datetime', key: 'visitDate', subtype: 'date' },
    { type: 'group', path: 'site', components: [{ type: 'textfield', key: 'cabinet', validate: { required: true } }] },
    { type: 'textfield', key: 'internal', disabled: true },
  ],
};
const good = { opticalPowerDbm: -19.5, result: 'pass', customerSigned: true, site: { cabinet: 'C-12' } };
const problemsOf = (data: Record<string, unknown>) => checkSubmission(form, data, 'm').problems;

test('a good submission passes; empty values are left out of what is kept', () => {
  const { problems, values } = checkSubmission(form, { ...good, serial: '', spliceCount: null, checks: ['cleaned'], visitDate: '2026-11-24', contact: 'a@b.cn' }, 'm');
  assert.deepEqual(problems, []);
  assert.deepEqual(values, { ...good, checks: ['cleaned'], visitDate: '2026-11-24', contact: 'a@b.cn' });
});

test('required, number, range, digits, increment, length, pattern, email, options, dates and nesting are checked as form-js checks them', () => {
  assert.deepEqual(problemsOf({}), ['m.opticalPowerDbm is required', 'm.result is required', 'm.customerSigned is required', 'm.site.cabinet is required']);
  assert.deepEqual(problemsOf({ ...good, customerSigned: false }), ['m.customerSigned is required'], 'an unticked required box is missing');
  assert.deepEqual(problemsOf({ ...good, opticalPowerDbm: '-19' }), ['m.opticalPowerDbm must be a number']);
  assert.deepEqual(problemsOf({ ...good, opticalPowerDbm: -3 }), ['m.opticalPowerDbm must be at most -8 dBm']);
  assert.deepEqual(problemsOf({ ...good, spliceCount: 3 }), ['m.spliceCount must be a multiple of 2']);
  assert.deepEqual(problemsOf({ ...good, spliceCount: 2.5 }), ['m.spliceCount must be a whole number', 'm.spliceCount must be a multiple of 2']);
  assert.deepEqual(problemsOf({ ...good, serial: 'ab' }), ['m.serial must be at least 4 characters long', 'm.serial must match ^[A-Z0-9]+$']);
  assert.deepEqual(problemsOf({ ...good, contact: 'not-mail' }), ['m.contact must be an email address']);
  assert.deepEqual(problemsOf({ ...good, result: 'maybe' }), ['m.result must be one of pass, fail']);
  assert.deepEqual(problemsOf({ ...good, checks: 'cleaned' }), ['m.checks must be a list of options']);
  assert.deepEqual(problemsOf({ ...good, checks: ['cleaned', 'painted'] }), ['m.checks must be one of labelled, cleaned']);
  assert.deepEqual(problemsOf({ ...good, visitDate: '2026-02-30' }), ['m.visitDate must be a date in ISO 8601 form']);
  assert.deepEqual(problemsOf({ ...good, colour: 'red', site: { cabinet: 'C-1', floor: 3 }, internal: 'x' }), [
    'm.site.floor is not a field of this form', 'm.colour is not a field of this form', 'm.internal is not a field of this form',
  ]);
});

test('a form the server could not check against is refused, with what to change', () => {
  assert.deepEqual(schemaProblems(form), []);
  const problems = schemaProblems({
    type: 'default',
    components: [
      { type: 'filepicker', id: 'F1', key: 'photo' },
      { type: 'textfield', key: 'a', conditional: { hide: '=b' } },
      { type: 'select', key: 'b', valuesKey: 'options' },
      { type: 'number', key: 'c', validate: { min: '=limit' } },
      { type: 'textfield', key: 'c' },
      { type: 'textfield', key: 'd', validate: { pattern: '(' } },
      { type: 'textfield', key: '1st' },
    ],
  });
  assert.equal(problems.length, 7, problems.join('\n'));
  assert.match(problems[0]!, /components\[0\] \(F1\): a filepicker component is not supported/);
  assert.match(problems.join('\n'), /conditions \(hide if\) are not supported/);
  assert.match(problems.join('\n'), /options must be listed in the form/);
  assert.match(problems.join('\n'), /validate.min may not be an expression/);
  assert.match(problems.join('\n'), /key c is used twice/);
  assert.match(problems.join('\n'), /components\[5\]: validate.pattern is not a valid regular expression/);
  assert.match(problems.join('\n'), /components\[6\]: key must be letters/);
});

test('the measurement fields of a kind become an equivalent form', () => {
  const made = formFromMeasurementFields('work-order-measurement', [
    { name: 'opticalPowerDbm', type: 'number', required: true, min: -30, max: -8, unit: 'dBm' },
    { name: 'note', type: 'string', required: false },
    { name: 'insertionLossDb', type: 'number', required: false, unit: 'dB' },
  ]);
  assert.deepEqual(schemaProblems(made), []);
  // The unit is shown beside the input, not repeated in the label.
  assert.deepEqual(made.components.map((c) => c.label), ['Optical power', 'Note', 'Insertion loss']);
  assert.deepEqual(checkSubmission(made, { opticalPowerDbm: -45 }, 'measurements').problems, ['measurements.opticalPowerDbm must be at least -30 dBm']);
  assert.deepEqual(checkSubmission(made, { note: 'ok' }, 'measurements').problems, ['measurements.opticalPowerDbm is required']);
});
