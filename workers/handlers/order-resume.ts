import { resumeOrder } from '../../src/orders/defer.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { workerActor } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.resume — the deferral's date came: the order resumes unless the hold already ended early
 * or was moved to a later date. Safe to repeat: a resumed order is left as it is.
 */
export const orderResume = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.resume',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      await deps.db.transaction((trx) => resumeOrder(trx, orderId, workerActor, deps.now(), { dueOnly: true }));
    },
  });
