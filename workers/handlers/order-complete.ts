import { cancelPending } from '../../src/orders/cancel.js';
import { BusinessError, defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.complete — the point of no return: unless a cancel got in first (it then turns back to
 * the cancel path), every service done rolls up into its product and cancels are refused from now on.
 */
export const orderComplete = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.complete',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      const { cancelled } = await runStep(deps, { name: 'order.complete', orderId }, async (trx) => {
        if (await cancelPending(trx, orderId)) return { output: { cancelled: true }, outcome: 'cancel came first' };
        const open = await trx('order_services').where({ order_id: orderId }).whereNot({ state: 'completed' }).pluck('service_spec_id');
        if (open.length) throw new Error(`services not completed: ${open.join(', ')}`);
        await trx('product_order_items').where({ order_id: orderId }).update({ state: 'completed' });
        await trx('product_orders').where({ id: orderId }).update({ ponr_at: deps.now() });
        return { output: { cancelled: false } };
      });
      if (cancelled) throw new BusinessError('ORDER_CANCELLED', 'a cancel was accepted before the point of no return');
    },
  });
