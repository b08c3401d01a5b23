import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import { retryPending } from '../../src/inventory/pending.js';
import { AmendRefused, chaseOrder } from '../../src/orders/amend.js';
import { deferOrder, DeferRefused, resumeOrder } from '../../src/orders/defer.js';
import { loadProductOrder } from '../../src/orders/representation.js';
import { findBoardSubject } from '../../src/board/query.js';
import { readTrace } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { conflict, fromZod, notFound } from '../errors.js';

/**
 * Trace (R3.4) of an order — or of any subject on the board: a ticket, a suspension, a construction
 * order — every step with entered/left times, duration, actor and outcome, and where it is now.
 */
export function orderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const r = Router();
  r.get('/orders/:id/trace', allow('dispatcher', 'crm'), async (req, res) => {
    const id = String(req.params.id);
    const subject = await findBoardSubject(deps.db, id);
    if (!subject) throw notFound(`order ${id}`);
    const entries = await readTrace(deps.db, id);
    const openWorkOrders = await deps.db('work_orders')
      .where({ subject_id: id })
      .whereIn('state', ['acknowledged', 'inProgress'])
      .select('id', 'kind', 'state', 'crew_id', 'created_at');
    res.json({
      orderId: id,
      kind: subject.kind,
      title: subject.title,
      state: subject.state,
      stateReason: subject.stateReason,
      processInstanceKey: subject.processInstanceKey,
      current: openWorkOrders.map((w) => ({
        step: `work-order:${w.kind}`, workOrderId: w.id, state: w.state, crewId: w.crew_id, since: new Date(w.created_at).toISOString(),
      })),
      steps: entries.filter((e) => e.kind === 'step'),
      events: entries,
    });
  });
  const Defer = z.object({
    until: z.string().datetime({ offset: true }),
    reason: z.string().min(1).max(2000),
  }).strict();
  const orderIdParam = async (raw: unknown) => {
    const id = String(raw);
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await deps.db('product_orders').where({ id }).first())) throw notFound(`order ${id}`);
    return id;
  };

  /** 缓装: the customer postpones installation to a date; the order is held until then (or an earlier resume). */
  r.post('/orders/:id/defer', allow('crm', 'dispatcher'), async (req, res) => {
    const parsed = Defer.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const id = await orderIdParam(req.params.id);
    try {
      await deps.db.transaction((trx) => deferOrder(trx, id, new Date(parsed.data.until), parsed.data.reason, req.principal!.name, new Date()));
    } catch (err) {
      if (err instanceof DeferRefused) throw conflict(err.message);
      throw err;
    }
    deps.onOutboxWrite();
    res.json(await loadProductOrder(deps.db, id));
  });

  r.post('/orders/:id/resume', allow('crm', 'dispatcher'), async (req, res) => {
    const id = await orderIdParam(req.params.id);
    const resumed = await deps.db.transaction((trx) => resumeOrder(trx, id, req.principal!.name, new Date(), { dueOnly: false }));
    if (!resumed) throw conflict('the order is not on hold');
    deps.onOutboxWrite();
    res.json(await loadProductOrder(deps.db, id));
  });

  /** 催单: the customer urges the order — higher priority, the posts working it told, the chase recorded. */
  r.post('/orders/:id/chase', allow('crm', 'dispatcher'), async (req, res) => {
    const parsed = z.object({ note: z.string().min(1).max(2000) }).strict().safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const id = await orderIdParam(req.params.id);
    try {
      res.json(await deps.db.transaction((trx) => chaseOrder(trx, id, parsed.data.note, req.principal!.name)));
    } catch (err) {
      if (err instanceof AmendRefused) throw conflict(err.message);
      throw err;
    }
  });

  r.get('/notifications', allow('dispatcher'), async (req, res) => {
    const post = typeof req.query.post === 'string' ? req.query.post : undefined;
    const q = deps.db('post_notifications').orderBy('id', 'desc').limit(200);
    if (post) q.where({ post_id: post });
    res.json((await q).map((n) => ({
      id: Number(n.id), post: n.post_id, subjectId: n.subject_id, kind: n.kind, message: n.message,
      createdAt: new Date(n.created_at).toISOString(), readAt: n.read_at ? new Date(n.read_at).toISOString() : null,
    })));
  });

  /** 转待装 by hand: a dispatcher who knows capacity is there (or just made it) sends the order to design again. */
  r.post('/orders/:id/retry-capacity', allow('dispatcher'), async (req, res) => {
    const id = await orderIdParam(req.params.id);
    const retried = await deps.db.transaction((trx) => retryPending(trx, id, req.principal!.name));
    if (!retried) throw conflict('the order is not waiting for capacity');
    deps.onOutboxWrite();
    res.status(202).json({ orderId: id, retried: true });
  });

  return r;
}
