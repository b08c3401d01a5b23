import { z } from 'zod';
import { setTicketStatus } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/** ticket.record-survey — keeps the callback's answer (回访, R5.1) with the ticket, where the statistics read it. */
export const ticketRecordSurvey = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.record-survey',
    variables: z.object({
      ticketId: z.string().uuid(),
      callbackSurvey: z.object({ reached: z.boolean(), satisfaction: z.number().int().min(1).max(5).optional(), comment: z.string().optional() }),
    }),
    handle: async ({ ticketId, callbackSurvey }) =>
      runStep(deps, { name: 'ticket.record-survey', orderId: ticketId }, async (trx) => {
        await setTicketStatus(trx, ticketId, 'closed', null, { survey: callbackSurvey });
        return { output: {}, details: callbackSurvey };
      }),
  });
