import { setOrderState } from '../../src/orders/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { OrderVars } from './order-accept.js';

/** order.notify-completion — the order is completed; the state change reaches the CRM's hub through the outbox. */
export const orderNotifyCompletion = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.notify-completion',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.notify-completion', orderId }, async (trx) => {
        await setOrderState(trx, orderId, 'completed', workerActor, null, { completion_date: deps.now().toISOString() });
        await stopAllClocks(trx, orderId, deps.now());
        return { output: {}, outcome: 'completed' };
      }),
  });
