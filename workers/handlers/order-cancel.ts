import { releaseAndOffer } from '../../src/inventory/pending.js';
import { finishCancel } from '../../src/orders/cancel.js';
import { setOrderState } from '../../src/orders/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.cancel — compensation for a cancelled order: reservations released, open work orders
 * cancelled (crews see them cancelled), clocks stopped, the order cancelled and the CRM told.
 */
export const orderCancel = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.cancel',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.cancel', orderId }, async (trx) => {
        const now = deps.now();
        const released = await releaseAndOffer(trx, orderId, deps.now());
        const cancelledWorkOrders = await trx('work_orders')
          .where({ order_id: orderId })
          .whereIn('state', ['acknowledged', 'inProgress'])
          .update({ state: 'cancelled', closed_at: now, note: 'the order was cancelled' });
        await stopAllClocks(trx, orderId, now);
        const task = await trx('cancel_product_orders').where({ order_id: orderId, state: 'inProgress' }).first();
        await setOrderState(trx, orderId, 'cancelled', workerActor, task?.cancellation_reason ?? 'cancelled');
        await finishCancel(trx, orderId, now);
        return { output: {}, outcome: 'cancelled', details: { released, cancelledWorkOrders } };
      }),
  });
