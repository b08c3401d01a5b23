import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { nextThreshold, type DeadlineRow } from '../../../src/sla/clock.js';
import { resolvePolicy } from '../../../src/sla/policies.js';

let db: Db;
const flow = `policy-test-${randomUUID().slice(0, 8)}`;
before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  const base = { flow, pre_alarm_seconds: 10, post_id: 'dispatch-desk' };
  await db('sla_policies').insert([
    { ...base, step: '*', limit_seconds: 1000 },
    { ...base, step: 'install', limit_seconds: 500 },
    { ...base, step: 'install', customer_tier: 'gold', limit_seconds: 300 },
    { ...base, step: 'install', customer_tier: 'gold', priority: 0, limit_seconds: 100 },
    { ...base, step: 'install', vip: true, limit_seconds: 200 },
  ]);
});
after(async () => {
  await db('sla_policies').where({ flow }).delete();
  await db.destroy();
});

test('the step\'s own policy beats the flow default, and the most specific match wins', async () => {
  const limit = async (step: string, ctx: object) => (await resolvePolicy(db, flow, step, ctx))?.limit_seconds;
  assert.equal(await limit('survey', {}), 1000);
  assert.equal(await limit('install', { tier: 'ordinary' }), 500);
  assert.equal(await limit('install', { tier: 'gold', priority: 4 }), 300);
  assert.equal(await limit('install', { tier: 'gold', priority: 0 }), 100);
  assert.equal(await limit('install', { tier: 'silver', vip: true }), 200);
  assert.equal(await limit('install', { tier: 'gold', vip: true }), 200, 'equally specific: the shorter limit');
  assert.equal(await resolvePolicy(db, 'no-such-flow', 'install', {}), undefined);
});

test('the clock looks next at the pre-alarm, then the limit, then the escalation, then stops', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const d = {
    id: 'd', state: 'running', level: 'none', warn_at: new Date('2026-01-01T01:00:00Z'), due_at: new Date('2026-01-01T02:00:00Z'),
    escalate_after_seconds: 600, resume_by: null,
  } as unknown as DeadlineRow;
  assert.equal(nextThreshold(d, now).nextAt, '2026-01-01T01:00:00.000Z');
  assert.equal(nextThreshold({ ...d, level: 'pre-alarm' }, now).nextAt, '2026-01-01T02:00:00.000Z');
  assert.equal(nextThreshold({ ...d, level: 'alarm' }, now).nextAt, '2026-01-01T02:10:00.000Z');
  assert.equal(nextThreshold({ ...d, level: 'escalated' }, now).watch, false);
  assert.equal(nextThreshold({ ...d, level: 'alarm', escalate_after_seconds: null }, now).watch, false);
  assert.equal(nextThreshold({ ...d, state: 'done' }, now).watch, false);
  const late = new Date('2026-01-01T05:00:00Z');
  assert.equal(nextThreshold(d, late).nextAt, late.toISOString(), 'a passed threshold is looked at now, not in the past');
});
