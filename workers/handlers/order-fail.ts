import { z } from 'zod';
import { releaseAndOffer } from '../../src/inventory/pending.js';
import { abandonCancel } from '../../src/orders/cancel.js';
import { setOrderState } from '../../src/orders/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

/**
 * order.fail — the order cannot be fulfilled (no capacity): it ends `failed` with the reason,
 * every reservation is released and open work orders are cancelled, so nothing hangs unseen.
 */
export const orderFail = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.fail',
    variables: z.object({
      orderId: z.string().uuid(),
      failureReason: z.string().nullish().transform((r) => r ?? 'no capacity became available in time'),
    }),
    handle: async ({ orderId, failureReason }) =>
      runStep(deps, { name: 'order.fail', orderId }, async (trx) => {
        const released = await releaseAndOffer(trx, orderId, deps.now());
        const cancelled = await trx('work_orders')
          .where({ order_id: orderId })
          .whereIn('state', ['acknowledged', 'inProgress'])
          .update({ state: 'cancelled', closed_at: trx.fn.now(), note: failureReason });
        await setOrderState(trx, orderId, 'failed', workerActor, failureReason);
        await stopAllClocks(trx, orderId, deps.now());
        await abandonCancel(trx, orderId, 'failed');
        return { output: {}, outcome: 'failed', details: { reason: failureReason, released, cancelledWorkOrders: cancelled } };
      }),
  });
