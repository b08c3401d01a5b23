import { z } from 'zod';
import { DesignNotFeasible, reserveDesign } from '../../src/construction/design.js';
import { hasEnded, lockConstructionOrder } from '../../src/construction/repository.js';
import { ConstructionDesign } from '../../src/construction/schema.js';
import { recordEvent } from '../../src/trace/index.js';
import { BusinessError, defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { ConstructionVars } from './construction-accept.js';

/**
 * construction.reserve — material and resource reservation for the design, all or nothing; outputs
 * the sites to build. A design that cannot be built goes back to the designer with the reasons.
 */
export const constructionReserve = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.reserve',
    variables: ConstructionVars.extend({ constructionDesign: ConstructionDesign }),
    handle: async ({ constructionOrderId: id, constructionDesign }) => {
      try {
        return await runStep(deps, { name: 'construction.reserve', orderId: id }, async (trx) => {
          // Under the order's row lock: a cancel either came first and nothing is reserved, or comes after and releases it.
          const order = await lockConstructionOrder(trx, id);
          if (!order || hasEnded(order)) throw new Error(`construction order ${id} is ${order?.state ?? 'unknown'}: nothing reserved`);
          const sites = await reserveDesign(trx, order, constructionDesign);
          return {
            output: { siteIds: sites.map((s) => s.id), designProblem: null },
            details: { sites: sites.map((s) => `${s.code} (${s.area}): ${s.resources.length} resources`), materials: constructionDesign.materials },
          };
        });
      } catch (err) {
        if (!(err instanceof DesignNotFeasible)) throw err;
        // The reservation rolled back; the trace still shows why the design came back.
        await recordEvent(deps.db, id, 'action', workerActor, 'design not feasible', { problems: err.problems });
        throw new BusinessError('DESIGN_NOT_FEASIBLE', err.message, { designProblem: err.message });
      }
    },
  });
