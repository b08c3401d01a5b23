import type { Db } from '../db/index.js';

export interface Disagreement {
  kind: 'running-order-without-instance' | 'ended-order-with-instance' | 'open-work-order-of-ended-order' | 'running-clock-of-ended-order';
  orderId: string;
  detail: string;
}

const finalStates = ['completed', 'rejected', 'failed', 'cancelled'];

/** The business records that run a flow of their own: each has a state, its instance key and its last change. */
const flowSubjects = ['product_orders', 'construction_orders'];

/**
 * Orders (product and construction orders) whose business state and process state disagree (R3.2:
 * no order in a state nobody sees). Changes younger than `settleSeconds` are left alone: the
 * engine's record of them may still be on its way through the exporter.
 */
export async function reconcile(db: Db, settleSeconds = 10): Promise<Disagreement[]> {
  const settled = db.raw(`now() - make_interval(secs => ?)`, [settleSeconds]);
  const found: Disagreement[] = [];
  for (const table of flowSubjects) {
    const orders: { id: string; state: string; instance_state: string }[] = await db(`${table} as o`)
      .joinRaw('JOIN zeebe_process_instances p ON p.key::text = o.process_instance_key')
      .where('o.updated_at', '<', settled)
      .where((q) => q
        .where((a) => a.whereNotIn('o.state', finalStates).whereNot('p.state', 'active'))
        .orWhere((b) => b.whereIn('o.state', finalStates).where('p.state', 'active')))
      .select('o.id', 'o.state', 'p.state as instance_state');
    const workOrders = await db('work_orders as w')
      .join(`${table} as o`, 'o.id', 'w.subject_id')
      .whereIn('o.state', finalStates)
      .whereIn('w.state', ['acknowledged', 'inProgress', 'held'])
      .where('o.updated_at', '<', settled)
      .select('o.id', 'o.state', 'w.id as work_order_id', 'w.state as work_order_state');
    const clocks = await db('deadlines as d')
      .join(`${table} as o`, 'o.id', 'd.subject_id')
      .whereIn('o.state', finalStates)
      .whereNot('d.state', 'done')
      .where('o.updated_at', '<', settled)
      .select('o.id', 'o.state', 'd.step');
    found.push(
      ...orders.map((o) => ({
        kind: finalStates.includes(o.state) ? 'ended-order-with-instance' as const : 'running-order-without-instance' as const,
        orderId: o.id,
        detail: `order ${o.state}, process instance ${o.instance_state}`,
      })),
      ...workOrders.map((w) => ({
        kind: 'open-work-order-of-ended-order' as const, orderId: w.id, detail: `order ${w.state}, work order ${w.work_order_id} ${w.work_order_state}`,
      })),
      ...clocks.map((c) => ({ kind: 'running-clock-of-ended-order' as const, orderId: c.id, detail: `order ${c.state}, clock of ${c.step} still running` })),
    );
  }
  return found;
}
