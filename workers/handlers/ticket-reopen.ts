import { z } from 'zod';
import { nextThreshold, startClock } from '../../src/sla/clock.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { recordEvent } from '../../src/trace/index.js';
import { clockStepOf } from '../../src/tickets/cancel.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/**
 * ticket.reopen — the customer says it still does not work: back to work on its own (the master it
 * was merged into is done), under a new restore limit.
 */
export const ticketReopen = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.reopen',
    variables: z.object({ ticketId: z.string().uuid(), reopenReason: z.string().nullish() }),
    handle: async ({ ticketId, reopenReason }, ctx) =>
      runStep(deps, { name: 'ticket.reopen', orderId: ticketId, scopeKey: ctx.elementInstanceKey }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        const customer = t.customer_id ? await trx('customers').where({ id: t.customer_id }).first('tier', 'vip') : null;
        const now = deps.now();
        const clock = await startClock(trx, {
          flow: 'fault-repair', subjectId: ticketId, step: clockStepOf(t), scopeKey: `reopen:${ctx.elementInstanceKey}`,
          context: { tier: customer?.tier ?? null, vip: customer?.vip ?? null, priority: t.priority }, now,
        });
        await setTicketStatus(trx, ticketId, 'inProgress', reopenReason ?? 'reopened by the customer', {
          master_id: null, resolution: null, resolution_date: null, expected_resolution_date: clock.due_at,
        });
        if (t.master_id) await recordEvent(trx, ticketId, 'action', 'dispatch', 'reopened: repaired on its own, no longer under its master', { formerMasterId: t.master_id });
        return { output: { reopened: true, masterId: null, deadline: nextThreshold(clock, now), gatherFor: 'PT0S' } };
      }),
  });
