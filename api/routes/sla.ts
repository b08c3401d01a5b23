import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import { listAlarms, listDeadlines, toAlarm } from '../../src/sla/queries.js';
import { recordEvent } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';
import { parseListParams } from '../tmf-list.js';

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

const Policy = z.object({
  flow: z.string().min(1).max(100),
  step: z.string().min(1).max(200),
  customerTier: z.enum(['diamond', 'gold', 'silver', 'ordinary']).nullable().default(null),
  vip: z.boolean().nullable().default(null),
  priority: z.number().int().min(0).max(4).nullable().default(null),
  limitSeconds: z.number().int().positive().max(365 * 24 * 3600),
  preAlarmSeconds: z.number().int().min(0),
  escalateAfterSeconds: z.number().int().positive().nullable().default(null),
  post: z.string().min(1).max(100),
}).strict().refine((p) => p.preAlarmSeconds < p.limitSeconds, { message: 'preAlarmSeconds must be shorter than limitSeconds', path: ['preAlarmSeconds'] });

type PolicyInput = z.infer<typeof Policy>;

const toRow = (p: PolicyInput) => ({
  flow: p.flow, step: p.step, customer_tier: p.customerTier, vip: p.vip, priority: p.priority,
  limit_seconds: p.limitSeconds, pre_alarm_seconds: p.preAlarmSeconds, escalate_after_seconds: p.escalateAfterSeconds, post_id: p.post,
});

const toPolicy = (r: Record<string, any>) => ({
  id: r.id as number, flow: r.flow, step: r.step, customerTier: r.customer_tier, vip: r.vip, priority: r.priority,
  limitSeconds: r.limit_seconds, preAlarmSeconds: r.pre_alarm_seconds, escalateAfterSeconds: r.escalate_after_seconds,
  post: r.post_id, updatedAt: new Date(r.updated_at).toISOString(),
});

/** Time limits for dispatchers (R3.5): running deadlines by time left, alarms, and the policies behind them. */
export function slaRoutes(deps: { db: Db }): Router {
  const { db } = deps;
  const r = Router();

  r.get('/deadlines', allow('dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['flow', 'step', 'post', 'level', 'subjectId', 'area', 'state']);
    const f = params.filters;
    if (f.state && !['running', 'paused', 'open'].includes(f.state)) throw badRequest('state is running, paused or open');
    if (f.subjectId && !isUuid(f.subjectId)) throw badRequest('subjectId must be a uuid');
    const { total, items } = await listDeadlines(db, f as never, params);
    res.set('X-Total-Count', String(total)).set('X-Result-Count', String(items.length)).json(items);
  });

  r.get('/alarms', allow('dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['state', 'level', 'post', 'flow', 'subjectId']);
    if (params.filters.subjectId && !isUuid(params.filters.subjectId)) throw badRequest('subjectId must be a uuid');
    const { total, items } = await listAlarms(db, params.filters, params);
    res.set('X-Total-Count', String(total)).set('X-Result-Count', String(items.length)).json(items);
  });

  r.post('/alarms/:id/acknowledge', allow('dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const alarm = await db.transaction(async (trx) => {
      const row = isUuid(id) ? await trx('alarms').where({ id }).forUpdate().first() : undefined;
      if (!row) throw notFound(`alarm ${id}`);
      if (row.state === 'cleared') throw conflict('the alarm has already cleared: its step is over');
      if (row.state === 'acknowledged') return row;
      const [updated] = await trx('alarms')
        .where({ id })
        .update({ state: 'acknowledged', acknowledged_at: trx.fn.now(), acknowledged_by: req.principal!.name })
        .returning('*');
      await recordEvent(trx, row.subject_id, 'action', req.principal!.name, `${row.level} acknowledged`, { alarmId: id, step: row.step });
      return updated;
    });
    res.json(toAlarm(alarm));
  });

  r.get('/sla-policies', allow('dispatcher'), async (_req, res) => {
    res.json((await db('sla_policies').orderBy(['flow', 'step', 'id'])).map(toPolicy));
  });

  async function savePolicy(body: unknown, id?: number) {
    const parsed = Policy.safeParse(body);
    if (!parsed.success) throw fromZod(parsed.error);
    if (!(await db('posts').where({ id: parsed.data.post }).first())) throw badRequest(`unknown post ${parsed.data.post}`);
    try {
      const q = db('sla_policies');
      const [row] = id === undefined
        ? await q.insert(toRow(parsed.data)).returning('*')
        : await q.where({ id }).update({ ...toRow(parsed.data), updated_at: db.fn.now() }).returning('*');
      return row;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict('a policy for this flow, step, tier, VIP flag and priority exists already');
      throw err;
    }
  }

  r.post('/sla-policies', allow('admin'), async (req, res) => {
    res.status(201).json(toPolicy(await savePolicy(req.body)));
  });

  r.put('/sla-policies/:id', allow('admin'), async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || !(await db('sla_policies').where({ id }).first())) throw notFound(`policy ${req.params.id}`);
    res.json(toPolicy(await savePolicy(req.body, id)));
  });

  r.delete('/sla-policies/:id', allow('admin'), async (req, res) => {
    const id = Number(req.params.id);
    const deleted = Number.isInteger(id) ? await db('sla_policies').where({ id }).delete() : 0;
    if (!deleted) throw notFound(`policy ${req.params.id}`);
    res.status(204).end();
  });

  return r;
}
