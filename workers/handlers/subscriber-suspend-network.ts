import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runNetworkStep } from '../network-step.js';
import { CommandVars } from './subscriber-check-sequence.js';

/** subscriber.suspend-network — bars the subscriber's services on their switch, HLR/HSS and BRAS (欠费停机). */
export const subscriberSuspendNetwork = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'subscriber.suspend-network',
    variables: CommandVars,
    handle: ({ commandId }) => runNetworkStep(deps, 'subscriber.suspend-network', commandId, 'suspend'),
  });
