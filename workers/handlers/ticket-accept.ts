import { z } from 'zod';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { clockStepOf } from '../../src/tickets/cancel.js';
import { isComplaint, setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

export const TicketVars = z.object({ ticketId: z.string().uuid() });

const seconds = (n: number) => `PT${n}S`;

/** ticket.accept — acknowledges the ticket into work, starts its time limit and tells the flow which way it goes. */
export const ticketAccept = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.accept',
    variables: TicketVars,
    handle: async ({ ticketId }, ctx) =>
      runStep(deps, { name: 'ticket.accept', orderId: ticketId }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets as t').where('t.id', ticketId).first();
        const customer = t.customer_id ? await trx('customers').where({ id: t.customer_id }).first('tier', 'vip') : null;
        const now = deps.now();
        const clock = await startClock(trx, {
          flow: 'fault-repair', subjectId: ticketId, step: clockStepOf(t), context: { tier: customer?.tier ?? null, vip: customer?.vip ?? null, priority: t.priority }, now,
        });
        await setTicketStatus(trx, ticketId, t.role === 'master' ? 'acknowledged' : 'inProgress', null, { expected_resolution_date: clock.due_at });
        await trx('trouble_tickets').where({ id: ticketId }).update({ process_instance_key: ctx.processInstanceKey });
        const customerFacing = t.role === 'report' && t.channel === 'customer';
        return {
          output: {
            kind: isComplaint(t) ? 'complaint' : 'fault',
            role: t.role,
            channel: t.channel,
            customerFacing,
            diagnose: customerFacing && t.affected_resource_id !== null && !isComplaint(t),
            reopened: false,
            closed: false,
            masterId: null,
            repairScope: 'repair',
            gatherFor: seconds(t.role === 'master' ? deps.settings.faultGatherSeconds : 0),
            autoCloseAfter: seconds(deps.settings.ticketAutoCloseSeconds),
            followUpAfter: seconds(deps.settings.complaintFollowUpSeconds),
            deadline: nextThreshold(clock, now),
          },
          details: { priority: t.priority, dueAt: clock.due_at, channel: t.channel, role: t.role },
        };
      }),
  });
