import { correlateTicket, type MergeSettings } from '../../src/tickets/correlate.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { TicketVars } from './ticket-accept.js';

export const mergeSettings = (deps: WorkerDeps): MergeSettings => ({
  windowSeconds: deps.settings.faultMergeWindowSeconds, majorIncidentReports: deps.settings.majorIncidentReports,
});

/** ticket.correlate — merges the report under the master ticket of its failed element (R3.3). */
export const ticketCorrelate = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.correlate',
    variables: TicketVars,
    handle: async ({ ticketId }) =>
      runStep(deps, { name: 'ticket.correlate', orderId: ticketId }, async (trx) => {
        const masterId = await correlateTicket(trx, ticketId, mergeSettings(deps), deps.now());
        return { output: { masterId }, outcome: masterId ? 'merged' : 'alone', details: { masterId } };
      }),
  });
