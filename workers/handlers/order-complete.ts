import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/** order.complete — every service done rolls up into its product (order item). */
export const orderComplete = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.complete',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.complete', orderId }, async (trx) => {
        const open = await trx('order_services').where({ order_id: orderId }).whereNot({ state: 'completed' }).pluck('service_spec_id');
        if (open.length) throw new Error(`services not completed: ${open.join(', ')}`);
        await trx('product_order_items').where({ order_id: orderId }).update({ state: 'completed' });
        return { output: {} };
      }),
  });
