import { z } from 'zod';
import { stopClock } from '../../src/sla/clock.js';
import { refreshMaster } from '../../src/tickets/correlate.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { clockStepOf } from './ticket-accept.js';

/** ticket.cancel — the requester withdrew the ticket before it was resolved: its open repair work and clocks stop. */
export const ticketCancel = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.cancel',
    variables: z.object({ ticketId: z.string().uuid(), cancelReason: z.string().nullish() }),
    handle: async ({ ticketId, cancelReason }) =>
      runStep(deps, { name: 'ticket.cancel', orderId: ticketId }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        const now = deps.now();
        await setTicketStatus(trx, ticketId, 'cancelled', cancelReason ?? 'cancelled by the requester');
        await stopClock(trx, ticketId, clockStepOf(t), '', now);
        const open = await trx('work_orders').where({ subject_id: ticketId }).whereIn('state', ['acknowledged', 'inProgress', 'held']).select('id', 'kind');
        for (const wo of open) {
          await trx('work_orders').where({ id: wo.id }).update({ state: 'cancelled', closed_at: now });
          await stopClock(trx, ticketId, `work-order:${wo.kind}`, wo.id, now);
        }
        if (t.master_id) {
          await refreshMaster(trx, t.master_id, { windowSeconds: deps.settings.faultMergeWindowSeconds, majorIncidentReports: deps.settings.majorIncidentReports });
        }
        return { output: {}, outcome: 'cancelled', details: { workOrdersCancelled: open.map((w) => w.id) } };
      }),
  });
