import type { Db, Tx } from '../db/index.js';
import type { SlaContext } from '../sla/policies.js';

/** The customer's tier and VIP flag and the order's priority decide which time limits apply (R5.3). */
export async function slaContextOfOrder(conn: Db | Tx, orderId: string): Promise<SlaContext> {
  const row = await conn('product_orders as o')
    .leftJoin('customers as c', 'c.id', 'o.customer_id')
    .where('o.id', orderId)
    .select('c.tier', 'c.vip', 'o.priority')
    .first();
  return { tier: row?.tier ?? null, vip: row?.vip ?? null, priority: row?.priority ?? null };
}
