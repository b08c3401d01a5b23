import { z } from 'zod';
import { stopClock } from '../../src/sla/clock.js';
import { clockStepOf } from '../../src/tickets/cancel.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

const RejectVars = z.object({
  ticketId: z.string().uuid(),
  complaintHandling: z.object({ note: z.string().min(1) }),
});

/** ticket.reject — the complaint desk found the complaint unfounded: TMF621 `rejected`, with the desk's note as the reason. */
export const ticketReject = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.reject',
    variables: RejectVars,
    handle: async ({ ticketId, complaintHandling }) =>
      runStep(deps, { name: 'ticket.reject', orderId: ticketId }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        await setTicketStatus(trx, ticketId, 'rejected', complaintHandling.note);
        await stopClock(trx, ticketId, clockStepOf(t), '', deps.now());
        return { output: { closed: true }, outcome: 'rejected' };
      }),
  });
