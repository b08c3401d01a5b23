import type { Db } from '../db/index.js';
import type { SlaContext } from '../sla/policies.js';

/**
 * The time-limit context of any board subject: its priority, and the customer's tier and VIP flag
 * where the subject is a customer's (orders and tickets; a suspension names a subscriber, a
 * construction order its requesting department).
 */
export async function slaContextOfSubject(db: Db, id: string): Promise<SlaContext> {
  const row = await db('dispatch_board as o')
    .leftJoin('customers as c', (j) => j.on('c.id', 'o.party').andOnIn('o.kind', ['productOrder', 'troubleTicket']))
    .where('o.id', id)
    .first('o.priority', 'c.tier', 'c.vip');
  return { tier: row?.tier ?? null, vip: row?.vip ?? null, priority: row?.priority ?? null };
}
