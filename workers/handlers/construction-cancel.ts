import { withdrawConstruction } from '../../src/construction/end.js';
import { mustGetConstructionOrder } from '../../src/construction/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { ConstructionVars } from './construction-accept.js';

/**
 * construction.cancel — the requester's cancel interrupted the flow. The cancel itself already took
 * back what the order held; a step that was under way at that moment (a work order being
 * dispatched, a clock being started) may have added to it since, and is taken back here, now
 * that nothing of the flow runs any more.
 */
export const constructionCancel = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.cancel',
    variables: ConstructionVars,
    handle: async ({ constructionOrderId: id }) =>
      runStep(deps, { name: 'construction.cancel', orderId: id }, async (trx) => {
        const order = await mustGetConstructionOrder(trx, id);
        const late = await withdrawConstruction(trx, id, order.state_reason ?? 'the construction order was cancelled', deps.now());
        return { output: {}, outcome: 'cancelled', details: { ...late } };
      }),
  });
