import { stopResumeClock } from '../../src/subscribers/resume-limit.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runNetworkStep } from '../network-step.js';
import { CommandVars } from './subscriber-check-sequence.js';

/** subscriber.resume-network — lifts the barring on every service (缴费复机); its time limit stops with it. */
export const subscriberResumeNetwork = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'subscriber.resume-network',
    variables: CommandVars,
    handle: ({ commandId }) =>
      runNetworkStep(deps, 'subscriber.resume-network', commandId, 'resume', (trx, row) => stopResumeClock(trx, row, deps.now())),
  });
