import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { nextThreshold, NoPolicyError, startClock, type DeadlineRow } from '../../../src/sla/clock.js';

let db: Db;
const flow = `clock-test-${randomUUID().slice(0, 8)}`;
before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  const base = { flow, post_id: 'dispatch-desk' };
  await db('sla_policies').insert([
    { ...base, step: '*', limit_seconds: 1000, pre_alarm_seconds: 100 },
    { ...base, step: 'install', customer_tier: 'gold', limit_seconds: 300, pre_alarm_seconds: 60, escalate_after_seconds: 900 },
  ]);
});
after(async () => {
  await db('deadlines').where({ flow }).delete();
  await db('sla_policies').where({ flow }).delete();
  await db.destroy();
});

test('a clock starts from the best policy once: a second start returns the first, with its limits unchanged', async () => {
  const subjectId = randomUUID();
  const now = new Date('2026-01-01T00:00:00.123Z');
  const first = await db.transaction((trx) => startClock(trx, { flow, subjectId, step: 'install', scopeKey: 'wo-1', context: { tier: 'gold' }, now }));
  assert.equal(first.started_at.toISOString(), '2026-01-01T00:00:00.123Z');
  assert.equal(first.due_at.toISOString(), '2026-01-01T00:05:00.123Z');
  assert.equal(first.warn_at.toISOString(), '2026-01-01T00:04:00.123Z');
  assert.equal(first.escalate_after_seconds, 900);
  assert.equal(first.state, 'running');
  const later = new Date('2026-01-01T01:00:00Z');
  const again = await db.transaction((trx) => startClock(trx, { flow, subjectId, step: 'install', scopeKey: 'wo-1', context: {}, now: later }));
  assert.equal(again.id, first.id);
  assert.equal(again.due_at.toISOString(), first.due_at.toISOString());
  const other = await db.transaction((trx) => startClock(trx, { flow, subjectId, step: 'install', scopeKey: 'wo-2', context: {}, now: later }));
  assert.notEqual(other.id, first.id, 'another scope is another clock');
  assert.equal(other.due_at.toISOString(), '2026-01-01T01:16:40.000Z', "the flow's default: 1000 s");
});

test('a step without any policy gets no clock, and says so', async () => {
  const subjectId = randomUUID();
  await assert.rejects(
    db.transaction((trx) => startClock(trx, { flow: `${flow}-none`, subjectId, step: 'install', context: {}, now: new Date() })),
    NoPolicyError,
  );
  assert.equal((await db('deadlines').where({ subject_id: subjectId })).length, 0);
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
