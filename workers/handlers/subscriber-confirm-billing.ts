import { z } from 'zod';
import { finishCommand } from '../../src/subscribers/commands.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

/** subscriber.confirm-billing — closes the command (applied or skipped as stale) and queues billing's confirmation. */
export const subscriberConfirmBilling = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'subscriber.confirm-billing',
    variables: z.object({ commandId: z.string().uuid(), decision: z.enum(['apply', 'stale']) }),
    handle: ({ commandId, decision }) =>
      runStep(deps, { name: 'subscriber.confirm-billing', orderId: commandId }, async (trx) => {
        const done = await finishCommand(trx, commandId, decision, workerActor, deps.now());
        return { output: {}, outcome: done.state };
      }),
  });
