import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Tx } from '../db/index.js';
import { writeTogether } from '../db/together.js';
import { enqueue } from '../outbox/index.js';
import { policyQuery, type SlaContext } from './policies.js';

export interface DeadlineRow {
  id: string;
  flow: string;
  subject_id: string;
  step: string;
  scope_key: string;
  post_id: string;
  started_at: Date;
  warn_at: Date;
  due_at: Date;
  escalate_after_seconds: number | null;
  state: 'running' | 'paused' | 'done';
  paused_at: Date | null;
  resume_by: Date | null;
  level: 'none' | 'pre-alarm' | 'alarm' | 'escalated';
}

/** What the `sla-clock` process needs: when to look next, and whether there is anything left to watch. */
export interface DeadlineVar {
  id: string;
  nextAt: string;
  watch: boolean;
}

export class NoPolicyError extends Error {}

const PAUSE_HORIZON_MS = 30 * 24 * 3600_000;

/** The next moment the clock has to act on, or none when every threshold has passed or the step is over. */
export function nextThreshold(d: DeadlineRow, now: Date): DeadlineVar {
  const at = (t: Date) => ({ id: d.id, nextAt: new Date(Math.max(t.getTime(), now.getTime())).toISOString(), watch: true });
  if (d.state === 'done') return { id: d.id, nextAt: now.toISOString(), watch: false };
  // A paused clock waits for its resume (a message wakes it earlier).
  if (d.state === 'paused') return at(d.resume_by ?? new Date(now.getTime() + PAUSE_HORIZON_MS));
  if (d.level === 'none') return at(d.warn_at);
  if (d.level === 'pre-alarm') return at(d.due_at);
  if (d.level === 'alarm' && d.escalate_after_seconds !== null) {
    return at(new Date(new Date(d.due_at).getTime() + d.escalate_after_seconds * 1000));
  }
  return { id: d.id, nextAt: now.toISOString(), watch: false };
}

export interface ClockStart {
  flow: string;
  subjectId: string;
  step: string;
  scopeKey?: string;
  context: SlaContext;
  now: Date;
}

/**
 * Starts a step's clock from the policy in force now (once: a second start returns the first).
 * The policy is resolved inside the insert, so a first start is one statement.
 */
export async function startClock(trx: Tx, s: ClockStart): Promise<DeadlineRow> {
  const scopeKey = s.scopeKey ?? '';
  const policy = policyQuery(trx, s.flow, s.step, s.context).limit(1);
  const { rows } = await trx.raw(
    `INSERT INTO deadlines (flow, subject_id, step, scope_key, post_id, policy_id, started_at, warn_at, due_at, escalate_after_seconds)
     SELECT ?, ?, ?, ?, p.post_id, p.id, ?::timestamptz,
            ?::timestamptz + make_interval(secs => p.limit_seconds - p.pre_alarm_seconds),
            ?::timestamptz + make_interval(secs => p.limit_seconds),
            p.escalate_after_seconds
       FROM (?) p
     ON CONFLICT (subject_id, step, scope_key) DO NOTHING
     RETURNING *`,
    [s.flow, s.subjectId, s.step, scopeKey, s.now, s.now, s.now, policy],
  );
  if (rows[0]) return rows[0];
  const existing = await trx('deadlines').where({ subject_id: s.subjectId, step: s.step, scope_key: scopeKey }).first();
  if (existing) return existing;
  throw new NoPolicyError(`no SLA policy for ${s.flow} / ${s.step}`);
}

/** The step is over: its clock stops and its alarms clear themselves. */
export async function stopClock(trx: Tx, subjectId: string, step: string, scopeKey = '', now = new Date()): Promise<void> {
  await writeTogether(trx, clockStopWrites(trx, subjectId, step, scopeKey, now));
}

/**
 * stopClock's writes, not yet sent, to go with a step's other writes. Both run against the
 * snapshot from before either, so the alarms cleared are those of the clocks being stopped.
 */
export function clockStopWrites(trx: Tx, subjectId: string, step: string, scopeKey: string, now: Date): Knex.QueryBuilder[] {
  const running = trx('deadlines').where({ subject_id: subjectId, step, scope_key: scopeKey }).whereNot({ state: 'done' });
  return [
    running.clone().update({ state: 'done', ended_at: now }),
    trx('alarms').whereIn('deadline_id', running.clone().select('id')).whereNot({ state: 'cleared' }).update({ state: 'cleared', cleared_at: now }),
  ];
}

/** The whole subject (an order that ended, was cancelled …) is over: every clock of it stops. */
export async function stopAllClocks(trx: Tx, subjectId: string, now = new Date()): Promise<void> {
  const ids = await trx('deadlines').where({ subject_id: subjectId }).whereNot({ state: 'done' }).update({ state: 'done', ended_at: now }).returning('id');
  await clearAlarms(trx, ids.map((r: { id: string }) => r.id), now);
}

async function clearAlarms(trx: Tx, deadlineIds: string[], now: Date): Promise<void> {
  if (deadlineIds.length === 0) return;
  await trx('alarms').whereIn('deadline_id', deadlineIds).whereNot({ state: 'cleared' }).update({ state: 'cleared', cleared_at: now });
}

/**
 * Wakes the `sla-clock` instance watching a deadline so it re-reads it now (after a pause, a
 * resume or a shifted limit) instead of at the moment it had planned.
 */
export async function wakeClock(trx: Tx, deadlineId: string, reason: string): Promise<void> {
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `sla-clock-changed:${deadlineId}:${randomUUID()}:${reason}`,
    name: 'sla-clock-changed',
    correlationKey: deadlineId,
    variables: {},
  });
}

/**
 * The subject is on hold (deferred, or waiting for capacity): its running clocks stop where they
 * are. `resumeBy`, when known, is when the clocks should look again at the latest.
 */
export async function pauseClocks(trx: Tx, subjectId: string, now: Date, resumeBy: Date | null = null): Promise<void> {
  const paused = await trx('deadlines')
    .where({ subject_id: subjectId, state: 'running' })
    .update({ state: 'paused', paused_at: now, resume_by: resumeBy })
    .returning('id');
  for (const { id } of paused) await wakeClock(trx, id, 'paused');
}

/** The hold is over: each paused clock runs on with its limits moved by the time it stood still. */
export async function resumeClocks(trx: Tx, subjectId: string, now: Date): Promise<void> {
  const resumed = await trx('deadlines')
    .where({ subject_id: subjectId, state: 'paused' })
    .update({
      state: 'running',
      warn_at: trx.raw('warn_at + (? - paused_at)', [now]),
      due_at: trx.raw('due_at + (? - paused_at)', [now]),
      paused_at: null,
      resume_by: null,
    })
    .returning('id');
  for (const { id } of resumed) await wakeClock(trx, id, 'resumed');
}
