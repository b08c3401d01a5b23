import { z } from 'zod';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/** ticket.close — closed: as the customer confirmed, by itself when the customer did not answer, or at once for internal tickets. */
export const ticketClose = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.close',
    variables: z.object({ ticketId: z.string().uuid(), closeReason: z.string().nullish() }),
    handle: async ({ ticketId, closeReason }) =>
      runStep(deps, { name: 'ticket.close', orderId: ticketId }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        const reason = closeReason
          ?? (t.role === 'master' ? 'every merged report resolved'
            : t.channel === 'customer' ? 'closed automatically: the customer did not answer in time' : 'repaired');
        await setTicketStatus(trx, ticketId, 'closed', reason);
        return { output: {}, details: { reason } };
      }),
  });
