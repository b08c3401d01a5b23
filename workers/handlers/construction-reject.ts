import { z } from 'zod';
import { setConstructionState } from '../../src/construction/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { ConstructionVars } from './construction-accept.js';

/** construction.reject — the approving post said no: the order ends rejected with the post's reason, and the requester hears it. */
export const constructionReject = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.reject',
    variables: ConstructionVars.extend({ constructionApproval: z.object({ note: z.string().optional() }).passthrough() }),
    handle: async ({ constructionOrderId: id, constructionApproval }) =>
      runStep(deps, { name: 'construction.reject', orderId: id }, async (trx) => {
        const reason = constructionApproval.note ?? 'rejected at approval';
        await setConstructionState(trx, id, 'rejected', workerActor, reason);
        await stopAllClocks(trx, id, deps.now());
        return { output: {}, outcome: 'rejected', details: { reason } };
      }),
  });
