import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';

import { listProcessFiles, processesDir } from '../../scripts/lint-bpmn.js';
import { lintBpmnFiles, lintBpmnXml } from '../../src/bpmn/lint.js';

describe('BPMN lint (bpmnlint:recommended + camunda-compat 8.6)', () => {
  it('finds both process files', async () => {
    const names = (await listProcessFiles()).map((file) => path.basename(file));
    assert.ok(names.includes('order-fulfillment.bpmn'), `processes/ contains ${names.join(', ')}`);
    assert.ok(names.includes('work-order.bpmn'), `processes/ contains ${names.join(', ')}`);
  });

  it('every file in processes/ lints with zero errors and zero warnings', async () => {
    const results = await lintBpmnFiles(await listProcessFiles());
    assert.ok(results.length >= 2);
    for (const { file, problems } of results) {
      assert.deepEqual(problems, [], `${path.basename(file)} has lint problems`);
    }
  });

  it('reports a service task whose job type was removed, naming the element', async () => {
    const original = await readFile(path.join(processesDir, 'order-fulfillment.bpmn'), 'utf8');
    const taskDefinition = '<zeebe:taskDefinition type="order.review" retries="3" />';
    assert.ok(original.includes(taskDefinition), 'fixture: Review order carries the expected task definition');

    const broken = original.replace(taskDefinition, '');
    assert.notEqual(broken, original);

    const problems = await lintBpmnXml(broken);
    const reviewProblems = problems.filter((p) => p.id === 'Activity_ReviewOrder');
    assert.ok(reviewProblems.length > 0, `expected a problem on Activity_ReviewOrder, got ${JSON.stringify(problems)}`);
    assert.ok(
      reviewProblems.some(
        (p) => p.category === 'error' && p.rule === 'camunda-compat/implementation' && /zeebe:TaskDefinition/.test(p.message),
      ),
      `expected a camunda-compat/implementation error, got ${JSON.stringify(reviewProblems)}`,
    );
    // Nothing else in the copy is broken.
    assert.deepEqual(
      problems.filter((p) => p.id !== 'Activity_ReviewOrder'),
      [],
    );
  });
});
