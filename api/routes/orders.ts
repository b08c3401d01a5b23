import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { retryPending } from '../../src/inventory/pending.js';
import { readTrace } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { conflict, notFound } from '../errors.js';

/** Order trace (R3.4): every step with entered/left times, duration, actor and outcome, and where the order is now. */
export function orderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const r = Router();
  r.get('/orders/:id/trace', allow('dispatcher', 'crm'), async (req, res) => {
    const id = String(req.params.id);
    const order = /^[0-9a-f-]{36}$/i.test(id) ? await deps.db('product_orders').where({ id }).first() : undefined;
    if (!order) throw notFound(`order ${id}`);
    const entries = await readTrace(deps.db, id);
    const openWorkOrders = await deps.db('work_orders')
      .where({ order_id: id })
      .whereIn('state', ['acknowledged', 'inProgress'])
      .select('id', 'kind', 'state', 'crew_id', 'created_at');
    res.json({
      orderId: id,
      state: order.state,
      stateReason: order.state_reason,
      processInstanceKey: order.process_instance_key,
      current: openWorkOrders.map((w) => ({
        step: `work-order:${w.kind}`, workOrderId: w.id, state: w.state, crewId: w.crew_id, since: new Date(w.created_at).toISOString(),
      })),
      steps: entries.filter((e) => e.kind === 'step'),
      events: entries,
    });
  });
  /** 转待装 by hand: a dispatcher who knows capacity is there (or just made it) sends the order to design again. */
  r.post('/orders/:id/retry-capacity', allow('dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    if (!/^[0-9a-f-]{36}$/i.test(id) || !(await deps.db('product_orders').where({ id }).first())) throw notFound(`order ${id}`);
    const retried = await deps.db.transaction((trx) => retryPending(trx, id, req.principal!.name));
    if (!retried) throw conflict('the order is not waiting for capacity');
    deps.onOutboxWrite();
    res.status(202).json({ orderId: id, retried: true });
  });

  return r;
}
