import { archiveSites } from '../../src/construction/archive.js';
import { hasEnded, lockConstructionOrder, setConstructionState } from '../../src/construction/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { ConstructionVars } from './construction-accept.js';

/**
 * construction.archive — every site passed its acceptance test: the new resources enter the
 * inventory and release the orders waiting for them, the construction order completes and the
 * requester hears of it, all in one transaction.
 */
export const constructionArchive = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.archive',
    variables: ConstructionVars,
    handle: async ({ constructionOrderId: id }) =>
      runStep(deps, { name: 'construction.archive', orderId: id }, async (trx) => {
        // The order's row lock first: a cancel that got in before archiving keeps what was built out of the inventory.
        const order = await lockConstructionOrder(trx, id);
        if (order && hasEnded(order)) return { output: {}, outcome: 'not archived', details: { state: order.state } };
        const now = deps.now();
        const { added, woken } = await archiveSites(trx, id, now);
        await setConstructionState(trx, id, 'completed', workerActor);
        await stopAllClocks(trx, id, now);
        return { output: {}, outcome: 'completed', details: { resourcesAdded: added, ordersReleased: woken } };
      }),
  });
