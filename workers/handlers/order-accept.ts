import { z } from 'zod';
import { setOrderState } from '../../src/orders/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

export const OrderVars = z.object({ orderId: z.string().uuid() });

/** order.accept — the flow has picked the order up: it is now in progress and tied to this instance. */
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
        return { output: {} };
      }),
  });
