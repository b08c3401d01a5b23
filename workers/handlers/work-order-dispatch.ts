import { z } from 'zod';
import { dispatchWorkOrder } from '../../src/work-orders/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/** work-order.dispatch — creates the crew's work order; the flow then waits for its close message. */
export const workOrderDispatch = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'work-order.dispatch',
    variables: z.object({ orderId: z.string().uuid(), businessResourceId: z.string().uuid(), workOrderKind: z.string().min(1) }),
    handle: async ({ orderId, businessResourceId, workOrderKind }) =>
      runStep(deps, { name: 'work-order.dispatch', orderId, scopeKey: `${businessResourceId}:${workOrderKind}` }, async (trx) => {
        const wo = await dispatchWorkOrder(trx, { orderId, businessResourceId, kind: workOrderKind });
        return { output: { workOrderId: wo.id }, details: { workOrderId: wo.id, kind: wo.kind, crewId: wo.crew_id } };
      }),
  });
