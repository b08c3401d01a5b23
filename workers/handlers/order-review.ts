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

/** order.review — blacklist, credit, catalog and coverage; a failed check is a modelled rejection. */
export const orderReview = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.review',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      const { rejectionReason } = await runStep(deps, { name: 'order.review', orderId }, async (trx) => {
        const problems = await reviewProblems(trx, orderId);
        const reason = problems.join('; ');
        return {
          output: { rejectionReason: problems.length ? reason : null },
          outcome: problems.length ? 'rejected' : 'approved',
          details: problems.length ? { problems } : undefined,
        };
      });
      if (rejectionReason) throw new BusinessError('ORDER_REJECTED', String(rejectionReason), { rejectionReason });
    },
  });
