import type { Db } from '../db/index.js';

export interface DeadlineFilter {
  flow?: string;
  step?: string;
  post?: string;
  level?: string;
  subjectId?: string;
  area?: string;
  state?: 'running' | 'paused' | 'open';
}

/**
 * The running-deadline board: a query on the deadlines table (not on the engine), soonest due
 * first, with the time left computed by the database so every row uses the same "now".
 */
export async function listDeadlines(db: Db, f: DeadlineFilter, page: { offset: number; limit: number }) {
  const q = db('deadlines as d').leftJoin('product_orders as o', 'o.id', 'd.subject_id');
  if (f.state === 'running' || f.state === 'paused') q.where('d.state', f.state);
  else q.whereNot('d.state', 'done');
  if (f.flow) q.where('d.flow', f.flow);
  if (f.step) q.where('d.step', f.step);
  if (f.post) q.where('d.post_id', f.post);
  if (f.level) q.where('d.level', f.level);
  if (f.subjectId) q.where('d.subject_id', f.subjectId);
  if (f.area) q.where('o.area', f.area);
  const total = await q.clone().count({ n: '*' }).first();
  const rows = await q
    .select(
      'd.id', 'd.flow', 'd.subject_id', 'd.step', 'd.scope_key', 'd.post_id', 'd.started_at', 'd.warn_at', 'd.due_at',
      'd.level', 'd.state', 'o.area',
      db.raw('extract(epoch from (d.due_at - coalesce(d.paused_at, now())))::float8 as remaining_seconds'),
    )
    .orderBy('d.due_at')
    .orderBy('d.id')
    .offset(page.offset)
    .limit(page.limit);
  return {
    total: Number(total?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      flow: r.flow,
      subjectId: r.subject_id,
      step: r.step,
      scopeKey: r.scope_key || null,
      post: r.post_id,
      area: r.area ?? null,
      startedAt: new Date(r.started_at).toISOString(),
      warnAt: new Date(r.warn_at).toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      remainingSeconds: Math.round(Number(r.remaining_seconds) * 10) / 10,
      level: r.level,
      state: r.state,
    })),
  };
}

export interface AlarmFilter {
  state?: string;
  level?: string;
  post?: string;
  flow?: string;
  subjectId?: string;
}

export async function listAlarms(db: Db, f: AlarmFilter, page: { offset: number; limit: number }) {
  const q = db('alarms');
  if (f.state) q.where('state', f.state);
  if (f.level) q.where('level', f.level);
  if (f.post) q.where((w) => w.where('post_id', f.post!).orWhere('escalated_to', f.post!));
  if (f.flow) q.where('flow', f.flow);
  if (f.subjectId) q.where('subject_id', f.subjectId);
  const total = await q.clone().count({ n: '*' }).first();
  const rows = await q.orderBy('raised_at', 'desc').orderBy('id').offset(page.offset).limit(page.limit);
  return { total: Number(total?.n ?? 0), items: rows.map(toAlarm) };
}

export function toAlarm(r: Record<string, any>) {
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return {
    id: r.id as string,
    deadlineId: r.deadline_id as string,
    flow: r.flow as string,
    subjectId: r.subject_id as string,
    step: r.step as string,
    scopeKey: (r.scope_key as string) || null,
    post: r.post_id as string,
    level: r.level as string,
    state: r.state as string,
    raisedAt: iso(r.raised_at)!,
    acknowledgedAt: iso(r.acknowledged_at),
    acknowledgedBy: (r.acknowledged_by as string) ?? null,
    clearedAt: iso(r.cleared_at),
    escalatedTo: (r.escalated_to as string) ?? null,
    escalatedAt: iso(r.escalated_at),
  };
}
