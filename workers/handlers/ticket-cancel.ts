import { z } from 'zod';
import { cancelTicket } from '../../src/tickets/cancel.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/** ticket.cancel — the requester withdrew the ticket before it was resolved. */
export const ticketCancel = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.cancel',
    variables: z.object({ ticketId: z.string().uuid(), cancelReason: z.string().nullish() }),
    handle: async ({ ticketId, cancelReason }) =>
      runStep(deps, { name: 'ticket.cancel', orderId: ticketId }, async (trx) => {
        const cancelled = await cancelTicket(trx, ticketId, cancelReason ?? 'cancelled by the requester', deps.now());
        return { output: {}, outcome: 'cancelled', details: { workOrdersCancelled: cancelled } };
      }),
  });
