import { refreshMaster } from '../../src/tickets/correlate.js';
import { stopClock } from '../../src/sla/clock.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { clockStepOf } from '../../src/tickets/cancel.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { TicketVars } from './ticket-accept.js';

/** ticket.withdraw — the network cleared the alarm before the repair: the ticket closes and no longer counts for its master. */
export const ticketWithdraw = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.withdraw',
    variables: TicketVars,
    handle: async ({ ticketId }) =>
      runStep(deps, { name: 'ticket.withdraw', orderId: ticketId }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        await setTicketStatus(trx, ticketId, 'closed', 'alarm cleared by the network before the repair');
        await stopClock(trx, ticketId, clockStepOf(t), '', deps.now());
        if (t.master_id) {
          await refreshMaster(trx, t.master_id);
        }
        return { output: { closed: true }, outcome: 'withdrawn' };
      }),
  });
