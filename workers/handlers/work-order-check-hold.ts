import { holdOf } from '../../src/orders/defer.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { WorkOrderVars } from './work-order-dispatch.js';

/** work-order.check-hold — a deferred order (缓装) gets no new work order before its date: says until when to wait. */
export const workOrderCheckHold = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'work-order.check-hold',
    variables: WorkOrderVars,
    handle: async ({ subjectType, subjectId }) => ({
      // Only a customer's order can be deferred; a repair or a construction site is never held back.
      heldUntil: subjectType === 'productOrder' ? await holdOf(deps.db, subjectId, deps.now()) : null,
    }),
  });
