import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { readTrace } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { notFound } from '../errors.js';

/** Order trace (R3.4): every step with entered/left times, duration, actor and outcome, and where the order is now. */
export function orderRoutes(deps: { db: Db }): Router {
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
  return r;
}
