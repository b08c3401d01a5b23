import { z } from 'zod';
import { slaContextOfOrder } from '../../src/orders/sla-context.js';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { dispatchWorkOrder, workOrderStep } from '../../src/work-orders/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/** work-order.dispatch — creates the crew's work order and starts its time limit; the flow then waits for the close message. */
export const workOrderDispatch = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'work-order.dispatch',
    variables: z.object({ orderId: z.string().uuid(), businessResourceId: z.string().uuid(), workOrderKind: z.string().min(1) }),
    handle: async ({ orderId, businessResourceId, workOrderKind }) => {
      const dispatched = await runStep(deps, { name: 'work-order.dispatch', orderId, scopeKey: `${businessResourceId}:${workOrderKind}` }, async (trx) => {
        const wo = await dispatchWorkOrder(trx, { orderId, businessResourceId, kind: workOrderKind });
        const now = deps.now();
        const clock = await startClock(trx, {
          flow: 'order-fulfillment', subjectId: orderId, step: workOrderStep(wo.kind), scopeKey: wo.id,
          context: await slaContextOfOrder(trx, orderId), now,
        });
        return {
          output: { workOrderId: wo.id, deadline: nextThreshold(clock, now) },
          details: { workOrderId: wo.id, kind: wo.kind, crewId: wo.crew_id, dueAt: clock.due_at },
        };
      });
      // Read now, not from the first run: after an amendment the flow plans again over work that may be done.
      const wo = await deps.db('work_orders').where({ id: dispatched.workOrderId as string }).first('state');
      return { ...dispatched, alreadyClosed: wo?.state === 'completed' };
    },
  });
