import { lineage } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { TicketVars } from './ticket-accept.js';

/**
 * ticket.diagnose — a line test through the network-element adapter on the reported line and
 * the elements above it. A tester that fails or does not answer throws: the job is retried, then
 * becomes an incident in the exception queue, where a dispatcher retries it once it answers.
 */
export const ticketDiagnose = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.diagnose',
    variables: TicketVars,
    handle: async ({ ticketId }) => {
      const t = await deps.db('trouble_tickets').where({ id: ticketId }).first('affected_resource_id');
      const path = await lineage(deps.db, t.affected_resource_id);
      // A read-only test: run again on a redelivered job; only its record is kept once.
      const result = await deps.network.lineTest({ testId: ticketId, resourceId: t.affected_resource_id, path });
      return runStep(deps, { name: 'ticket.diagnose', orderId: ticketId }, async () => ({
        output: { diagnosis: result.verdict, resolution: result.verdict === 'no-fault' ? `No fault found: ${result.detail}` : null },
        outcome: result.verdict,
        details: { ...result },
      }));
    },
  });
