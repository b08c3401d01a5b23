import type { Db, Tx } from '../db/index.js';
import type { SlaContext } from '../sla/policies.js';

/** The customer's tier and VIP flag and the order's priority decide which time limits apply (R5.3). */
export async function slaContextOfOrder(conn: Db | Tx, orderId: string): Promise<SlaContext> {
  return (await orderWithSlaContext(conn, orderId))?.context ?? { tier: null, vip: null, priority: null };
}

/** The order's area and its SLA context in one read, for the steps that need both. */
export async function orderWithSlaContext(conn: Db | Tx, orderId: string): Promise<{ area: string | null; context: SlaContext } | undefined> {
  const row = await conn('product_orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .where('o.id', orderId)
    .select('o.area', 'c.tier', 'c.vip', 'o.priority')
    .first();
  return row && { area: row.area, context: { tier: row.tier ?? null, vip: row.vip ?? null, priority: row.priority ?? null } };
}
