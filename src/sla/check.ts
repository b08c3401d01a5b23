import type { Tx } from '../db/index.js';
import { recordEvent } from '../trace/index.js';
import { nextThreshold, type DeadlineRow, type DeadlineVar } from './clock.js';

export interface AlarmRow {
  id: string;
  deadline_id: string;
  flow: string;
  subject_id: string;
  step: string;
  scope_key: string;
  post_id: string;
  level: 'pre-alarm' | 'alarm';
  state: 'raised' | 'acknowledged' | 'cleared';
  raised_at: Date;
  escalated_to: string | null;
}

/** How a flow tells the outside world that one of its steps is in jeopardy (e.g. the CRM's hub). */
export type JeopardyNotifier = (trx: Tx, alarm: AlarmRow, deadline: DeadlineRow) => Promise<void>;

/**
 * Looks at one deadline now: raises the pre-alarm, the alarm and the escalation whose time has
 * come (each once, in order), and says when to look next. A stopped or paused clock raises nothing.
 */
export async function checkDeadline(
  trx: Tx,
  deadlineId: string,
  now: Date,
  notify: JeopardyNotifier,
): Promise<DeadlineVar> {
  const d: DeadlineRow | undefined = await trx('deadlines').where({ id: deadlineId }).forUpdate().first();
  if (!d) throw new Error(`deadline ${deadlineId} does not exist`);
  if (d.state !== 'running') return nextThreshold(d, now);

  const raise = async (level: 'pre-alarm' | 'alarm') => {
    const [alarm] = await trx('alarms')
      .insert({
        deadline_id: d.id, flow: d.flow, subject_id: d.subject_id, step: d.step, scope_key: d.scope_key,
        post_id: d.post_id, level, raised_at: now,
      })
      .onConflict(['deadline_id', 'level'])
      .ignore()
      .returning('*');
    if (!alarm) return;
    await recordEvent(trx, d.subject_id, 'action', 'sla', `${level} raised`, { step: d.step, scopeKey: d.scope_key, post: d.post_id, dueAt: d.due_at });
    await notify(trx, alarm, d);
  };

  let level = d.level;
  if (level === 'none' && now >= new Date(d.warn_at)) {
    await raise('pre-alarm');
    level = 'pre-alarm';
  }
  if (level === 'pre-alarm' && now >= new Date(d.due_at)) {
    await raise('alarm');
    level = 'alarm';
  }
  if (level === 'alarm' && d.escalate_after_seconds !== null
      && now.getTime() >= new Date(d.due_at).getTime() + d.escalate_after_seconds * 1000) {
    const post = await trx('posts').where({ id: d.post_id }).first();
    const escalated = await trx('alarms')
      .where({ deadline_id: d.id, level: 'alarm', state: 'raised' })
      .whereNull('escalated_at')
      .update({ escalated_to: post?.supervisor_post_id ?? d.post_id, escalated_at: now })
      .returning('*');
    // An alarm someone acknowledged in time is being handled: it does not go up the line.
    if (escalated.length) {
      await recordEvent(trx, d.subject_id, 'action', 'sla', 'alarm escalated', { step: d.step, to: escalated[0].escalated_to });
    }
    level = 'escalated';
  }
  if (level !== d.level) await trx('deadlines').where({ id: d.id }).update({ level });
  return nextThreshold({ ...d, level }, now);
}
