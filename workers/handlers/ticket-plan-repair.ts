import { refreshMaster } from '../../src/tickets/correlate.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { mergeSettings } from './ticket-correlate.js';
import { TicketVars } from './ticket-accept.js';

/**
 * ticket.plan-repair — after the gathering time: a master left without reports (alarms cleared,
 * reports cancelled) is closed undispatched; otherwise the repair goes out, as an emergency for a
 * major incident. Keyed on the activation: a reopened ticket plans a new repair.
 */
export const ticketPlanRepair = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.plan-repair',
    variables: TicketVars,
    handle: async ({ ticketId }, ctx) =>
      runStep<{ repairNeeded: boolean; closed: boolean; repairScope: string | null }>(deps, { name: 'ticket.plan-repair', orderId: ticketId, scopeKey: ctx.elementInstanceKey }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).forUpdate().first();
        if (t.role === 'master') {
          const active = await trx('trouble_tickets').where({ master_id: ticketId }).whereNotIn('status', ['closed', 'cancelled']).count({ n: '*' }).first();
          if (Number(active?.n ?? 0) === 0) {
            await setTicketStatus(trx, ticketId, 'closed', 'every report was withdrawn before dispatch');
            return { output: { repairNeeded: false, closed: true, repairScope: null }, outcome: 'not needed' };
          }
          await refreshMaster(trx, ticketId, mergeSettings(deps));
        }
        const now = await setTicketStatus(trx, ticketId, 'inProgress', null);
        return {
          output: { repairNeeded: true, closed: false, repairScope: `repair:${ctx.elementInstanceKey}` },
          details: { priority: now.priority, majorIncident: now.major_incident },
        };
      }),
  });
