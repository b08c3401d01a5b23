import { z } from 'zod';
import { setOrderState } from '../../src/orders/repository.js';
import { slaContextOfOrder } from '../../src/orders/sla-context.js';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

export const OrderVars = z.object({ orderId: z.string().uuid() });

/** order.accept — the flow has picked the order up: it is now in progress, tied to this instance, and its time limit runs. */
export const orderAccept = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.accept',
    variables: OrderVars,
    handle: async ({ orderId }, ctx) =>
      runStep(deps, { name: 'order.accept', orderId }, async (trx) => {
        const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
        if (!order) throw new Error(`order ${orderId} does not exist`);
        if (order.process_instance_key && order.process_instance_key !== ctx.processInstanceKey) {
          throw new Error(`order ${orderId} already runs in process instance ${order.process_instance_key}`);
        }
        await setOrderState(trx, orderId, 'inProgress', workerActor, null, { process_instance_key: ctx.processInstanceKey });
        const now = deps.now();
        const clock = await startClock(trx, {
          flow: 'order-fulfillment', subjectId: orderId, step: 'order', context: await slaContextOfOrder(trx, orderId), now,
        });
        return { output: { orderDeadline: nextThreshold(clock, now) }, details: { dueAt: clock.due_at, post: clock.post_id } };
      }),
  });
