import { z } from 'zod';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { dispatchWorkOrder, workOrderStep } from '../../src/work-orders/repository.js';
import { loadWorkSubject, SUBJECT_TYPES } from '../../src/work-orders/subjects.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/**
 * The `work-order` flow's inputs. Instances started by the first version of that flow (product
 * orders only: orderId + businessResourceId) still finish on it, so that shape is read too.
 */
export const WorkOrderVars = z.preprocess(
  (v) => {
    const vars = v as Record<string, unknown>;
    return vars && vars.subjectId === undefined && typeof vars.orderId === 'string'
      ? { ...vars, subjectType: 'productOrder', subjectId: vars.orderId, scopeKey: vars.businessResourceId }
      : vars;
  },
  z.object({
    subjectType: z.enum(SUBJECT_TYPES),
    subjectId: z.string().uuid(),
    scopeKey: z.string().min(1),
    workOrderKind: z.string().min(1),
  }),
);

/** work-order.dispatch — creates the crew's work order and starts its time limit; the flow then waits for the close message. */
export const workOrderDispatch = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'work-order.dispatch',
    variables: WorkOrderVars,
    handle: async ({ subjectType, subjectId, scopeKey, workOrderKind }) => {
      const dispatched = await runStep(deps, { name: 'work-order.dispatch', orderId: subjectId, scopeKey: `${scopeKey}:${workOrderKind}` }, async (trx) => {
        const wo = await dispatchWorkOrder(trx, { subjectType, subjectId, scopeKey, kind: workOrderKind });
        const subject = await loadWorkSubject(trx, subjectType, subjectId, scopeKey);
        const now = deps.now();
        const clock = await startClock(trx, {
          flow: subject.flow, subjectId, step: workOrderStep(wo.kind), scopeKey: wo.id, context: subject.context, now,
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
