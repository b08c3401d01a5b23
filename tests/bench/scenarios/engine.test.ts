import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roundPlan } from '../../../bench/scenarios/engine.js';

const show = (plan: ReturnType<typeof roundPlan>) => plan.map((p) => `${p.round}:${p.family}`);

test('a warm-up pair goes first, uncounted; then the counted pairs take turns at which family goes first', () => {
  assert.deepEqual(show(roundPlan({ warmupRounds: 1, rounds: 3 })), ['0:ours', '0:raw', '1:ours', '1:raw', '2:raw', '2:ours', '3:ours', '3:raw']);
});

test('the smoke run: one counted pair, no warm-up', () => {
  assert.deepEqual(show(roundPlan({ warmupRounds: 0, rounds: 1 })), ['1:ours', '1:raw']);
});
