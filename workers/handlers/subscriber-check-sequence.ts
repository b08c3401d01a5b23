import { z } from 'zod';
import { takeOnCommand } from '../../src/subscribers/commands.js';
import { startResumeClock } from '../../src/subscribers/resume-limit.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

export const CommandVars = z.object({ commandId: z.string().uuid() });

/**
 * subscriber.check-sequence — takes billing's command on if it is newer than everything taken on
 * for the subscriber, else marks it stale; a resumption's time limit starts here.
 */
export const subscriberCheckSequence = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'subscriber.check-sequence',
    variables: CommandVars,
    handle: async ({ commandId }, ctx) =>
      runStep(deps, { name: 'subscriber.check-sequence', orderId: commandId }, async (trx) => {
        const { decision, row, reason } = await takeOnCommand(trx, commandId, ctx.processInstanceKey, workerActor);
        const resumeDeadline = decision === 'apply' && row.command === 'resume' ? await startResumeClock(trx, row, deps.now()) : null;
        return {
          output: { decision, command: row.command, resumeDeadline },
          outcome: decision,
          details: { command: row.command, sequence: Number(row.sequence), ...(reason ? { reason } : {}), ...(resumeDeadline ? { resumeDeadline } : {}) },
        };
      }),
  });
