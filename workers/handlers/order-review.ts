import type { Tx } from '../../src/db/index.js';
import { BusinessError, defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/** The checks of order review (R5.4 and R1.1): each returns a reason to reject, or null. */
async function reviewProblems(trx: Tx, orderId: string): Promise<string[]> {
  const order = await trx('product_orders').where({ id: orderId }).first();
  const problems: string[] = [];
  const customer = await trx('customers').where({ id: order.customer_id }).first();
  if (!customer) problems.push(`unknown customer ${order.customer_id}`);
  else {
    if (customer.blacklisted) problems.push(`customer ${customer.id} is blacklisted${customer.blacklist_reason ? `: ${customer.blacklist_reason}` : ''}`);
    if (Number(customer.arrears_cents) > Number(customer.credit_limit_cents)) {
      problems.push(`customer ${customer.id} is over the credit limit (arrears ${customer.arrears_cents} > limit ${customer.credit_limit_cents} cents)`);
    }
  }
  const offerings = await trx('product_order_items as i')
    .join('product_offerings as o', 'o.id', 'i.offering_id')
    .where('i.order_id', orderId)
    .select('o.id', 'o.lifecycle_status', 'o.is_sellable');
  for (const o of offerings) {
    if (o.lifecycle_status !== 'Active' || !o.is_sellable) problems.push(`offering ${o.id} is not on sale`);
  }
  if (!order.address_id) problems.push('no installation address');
  else if (!order.area) problems.push(`installation address ${order.address_id} is not a known standard address`);
  else {
    const covered = await trx('network_resources').where({ area: order.area, type: 'pon_port' }).first();
    if (!covered) problems.push(`installation address ${order.address_id} is outside fibre coverage (area ${order.area})`);
  }
  return problems;
}

/**
 * The first order in hand for the same customer, the same offerings and the same address, placed
 * within the window before this one (R3.3). Ordering by creation makes two duplicates reviewed at
 * once agree on which is first.
 */
async function firstOrderLikeThis(trx: Tx, orderId: string, windowSeconds: number): Promise<string | undefined> {
  const { rows } = await trx.raw(
    `WITH me AS (
       SELECT o.id, o.customer_id, o.address_id, o.created_at,
              (SELECT array_agg(offering_id ORDER BY offering_id) FROM product_order_items WHERE order_id = o.id) AS offerings
       FROM product_orders o WHERE o.id = ?)
     SELECT o.id FROM product_orders o, me
     WHERE o.customer_id = me.customer_id AND o.address_id IS NOT DISTINCT FROM me.address_id
       AND (o.created_at, o.id) < (me.created_at, me.id)
       AND o.created_at >= me.created_at - make_interval(secs => ?)
       AND o.state NOT IN ('rejected', 'failed', 'cancelled') AND o.merged_into IS NULL
       AND (SELECT array_agg(offering_id ORDER BY offering_id) FROM product_order_items WHERE order_id = o.id) = me.offerings
     ORDER BY o.created_at, o.id LIMIT 1`,
    [orderId, windowSeconds],
  );
  return rows[0]?.id;
}

/** order.review — duplicates, blacklist, credit, catalog and coverage; each outcome but approval is modelled in the diagram. */
export const orderReview = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.review',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      type Review = { rejectionReason: string | null; mergedInto: string | null };
      const { rejectionReason, mergedInto } = await runStep<Review>(deps, { name: 'order.review', orderId }, async (trx) => {
        const first = await firstOrderLikeThis(trx, orderId, deps.settings.mergeWindowSeconds);
        if (first) return { output: { rejectionReason: null, mergedInto: first }, outcome: 'duplicate', details: { mergedInto: first } };
        const problems = await reviewProblems(trx, orderId);
        const reason = problems.join('; ');
        return {
          output: { rejectionReason: problems.length ? reason : null, mergedInto: null },
          outcome: problems.length ? 'rejected' : 'approved',
          details: problems.length ? { problems } : undefined,
        };
      });
      if (mergedInto) throw new BusinessError('ORDER_MERGED', `duplicate of order ${mergedInto}`, { mergedInto });
      if (rejectionReason) throw new BusinessError('ORDER_REJECTED', String(rejectionReason), { rejectionReason });
    },
  });
