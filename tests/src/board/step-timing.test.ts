import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rate, worse } from '../../../src/board/step-timing.js';

test('a step is within its limit until its pre-alarm point, near it from there, over it past the limit', () => {
  const limit = { warnMs: 8_000, limitMs: 10_000 };
  assert.equal(rate(0, limit), 'within');
  assert.equal(rate(7_999, limit), 'within');
  assert.equal(rate(8_000, limit), 'near');
  assert.equal(rate(10_000, limit), 'near', 'done at the limit is in time');
  assert.equal(rate(10_001, limit), 'over');
});

test('an element run many times shows its worst run; no rating yields to any rating', () => {
  assert.equal(worse(null, null), null);
  assert.equal(worse(null, 'within'), 'within');
  assert.equal(worse('within', null), 'within');
  assert.equal(worse('within', 'near'), 'near');
  assert.equal(worse('over', 'near'), 'over');
  assert.equal(worse('near', 'within'), 'near');
});
