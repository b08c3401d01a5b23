import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { fieldsOf } from '../../../src/post-tasks/fields.js';
import { postTaskFields } from '../../../src/post-tasks/forms.js';

test('the approval form: a decision with its labels, and a note whose condition is a hint', () => {
  assert.deepEqual(postTaskFields['construction-approval'], [
    { name: 'approved', label: 'Decision', required: true, kind: 'choice', options: [{ value: true, label: 'Approve' }, { value: false, label: 'Reject' }] },
    { name: 'note', label: 'Note', required: false, hint: 'Required when you reject: the requester is told the reason', kind: 'text', multiline: true, maxLength: 2000 },
  ]);
});

test('the design form: sites with their resources, materials optional (they default to none)', () => {
  const [sites, materials, note] = postTaskFields['construction-design'];
  assert.equal(sites?.kind, 'list');
  assert.deepEqual(sites.kind === 'list' && [sites.required, sites.itemLabel, sites.minItems, sites.maxItems, sites.fields.map((f) => [f.name, f.kind, f.required])], [
    true, 'site', 1, 20, [['code', 'text', true], ['area', 'text', false], ['resources', 'list', true]],
  ]);
  const resources = sites.kind === 'list' ? sites.fields[2] : undefined;
  assert.ok(resources?.kind === 'list' && resources.fields[0]?.kind === 'choice');
  assert.deepEqual(resources.fields[0].options[0], { value: 'pon_port', label: 'PON port' });
  assert.deepEqual(resources.fields[1], {
    name: 'name', label: 'Name', required: true, hint: 'As it will be known in the inventory, e.g. OLT-HZ-02/1/1/1', kind: 'text', multiline: false, maxLength: 200,
  });
  assert.deepEqual([materials?.name, materials?.required, note?.kind], ['materials', false, 'text']);
  assert.ok(materials?.kind === 'list' && materials.fields[1]?.kind === 'number' && materials.fields[1].integer);
});

test('an unlabelled field reads its name; a shape the form cannot show is refused', () => {
  assert.equal(fieldsOf(z.object({ materialId: z.string().max(20) }))[0]?.label, 'Material id');
  assert.throws(() => fieldsOf(z.object({ tags: z.array(z.string()) })), /tags has a shape the form cannot show/);
});
