import { z } from 'zod';
import { acceptancePassed } from '../../src/construction/acceptance.js';
import { siteScope } from '../../src/construction/site-rounds.js';
import { recordEvent } from '../../src/trace/index.js';
import { defineWorker, NeedsPerson } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { ConstructionVars } from './construction-accept.js';

/**
 * construction.check-acceptance — after a site's acceptance test: passed, or (验收不通过) back to
 * construction for another round with its own work orders. A site that keeps failing is not
 * rebuilt for ever: after the configured number of rounds a person decides in the exception queue.
 */
export const constructionCheckAcceptance = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'construction.check-acceptance',
    variables: ConstructionVars.extend({ siteId: z.string().uuid(), siteRound: z.number().int().min(1) }),
    handle: async ({ constructionOrderId: id, siteId, siteRound: round }) => {
      const scopeKey = siteScope(siteId, round);
      // The test's work order is closed and no longer changes: reading it outside the step's transaction is safe.
      const passed = await acceptancePassed(deps.db, id, scopeKey);
      const limit = deps.settings.acceptanceRounds;
      if (!passed && round >= limit) {
        const site = await deps.db('construction_sites').where({ id: siteId }).first('code');
        await recordEvent(deps.db, id, 'action', workerActor, 'acceptance failed too often', { siteId, round, limit });
        throw new NeedsPerson(`site ${site?.code ?? siteId} failed its acceptance test ${round} times (limit ${limit}): a person decides; abort gives the construction order up`);
      }
      const next: Record<string, unknown> = passed ? { sitePassed: true } : { sitePassed: false, siteRound: round + 1, siteScope: siteScope(siteId, round + 1) };
      return runStep(deps, { name: 'construction.check-acceptance', orderId: id, scopeKey }, async () => ({
        output: next, outcome: passed ? 'passed' : 'rebuild', details: { siteId, round },
      }));
    },
  });
