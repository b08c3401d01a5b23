import { z } from 'zod';
import { mustGetConstructionOrder, setConstructionState } from '../../src/construction/repository.js';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

export const ConstructionVars = z.object({ constructionOrderId: z.string().uuid() });

/** construction.accept — the flow has picked the request up: in progress, tied to this instance, its time limit running. */
export const constructionAccept = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.accept',
    variables: ConstructionVars,
    handle: async ({ constructionOrderId: id }, ctx) =>
      runStep(deps, { name: 'construction.accept', orderId: id }, async (trx) => {
        const order = await mustGetConstructionOrder(trx, id);
        if (order.process_instance_key && order.process_instance_key !== ctx.processInstanceKey) {
          throw new Error(`construction order ${id} already runs in process instance ${order.process_instance_key}`);
        }
        await trx('construction_orders').where({ id }).update({ process_instance_key: ctx.processInstanceKey });
        // A request cancelled before its flow picked it up stays cancelled: the cancel message waits
        // for the flow and ends it, stopping the clock started here.
        await setConstructionState(trx, id, 'inProgress', workerActor);
        const now = deps.now();
        const clock = await startClock(trx, { flow: 'construction', subjectId: id, step: 'order', context: { priority: order.priority }, now });
        return { output: { constructionDeadline: nextThreshold(clock, now) }, details: { dueAt: clock.due_at, post: clock.post_id } };
      }),
  });
