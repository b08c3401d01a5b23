import { holdOf } from '../../src/orders/defer.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { OrderVars } from './order-accept.js';

/** work-order.check-hold — a deferred order (缓装) gets no new work order before its date: says until when to wait. */
export const workOrderCheckHold = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'work-order.check-hold',
    variables: OrderVars,
    handle: async ({ orderId }) => ({
      heldUntil: await deps.db.transaction((trx) => holdOf(trx, orderId, deps.now())),
    }),
  });
