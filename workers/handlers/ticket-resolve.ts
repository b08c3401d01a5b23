import { z } from 'zod';
import { enqueue } from '../../src/outbox/index.js';
import { stopClock } from '../../src/sla/clock.js';
import { setTicketStatus, type TicketRow } from '../../src/tickets/repository.js';
import { clockStepOf } from '../../src/tickets/cancel.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

/**
 * ticket.resolve — the ticket is resolved with what fixed it. A master resolves every report
 * merged into it in the same transaction and wakes each report's flow by a message.
 */
export const ticketResolve = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'ticket.resolve',
    variables: z.object({
      ticketId: z.string().uuid(),
      resolution: z.string().nullish(),
      workOrderResult: z.string().nullish(),
      complaintHandling: z.object({ note: z.string() }).passthrough().nullish(),
    }),
    handle: async ({ ticketId, resolution, workOrderResult, complaintHandling }, ctx) =>
      runStep(deps, { name: 'ticket.resolve', orderId: ticketId, scopeKey: ctx.elementInstanceKey }, async (trx) => {
        const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
        const now = deps.now();
        const text = resolution ?? complaintHandling?.note ?? `Repaired in the field (${workOrderResult ?? 'done'})`;
        await setTicketStatus(trx, ticketId, 'resolved', text, { resolution: text, resolution_date: now });
        await stopClock(trx, ticketId, clockStepOf(t), '', now);
        const children: TicketRow[] = t.role === 'master'
          ? await trx('trouble_tickets').where({ master_id: ticketId, status: 'pending' })
          : [];
        for (const child of children) {
          const childText = `Resolved with master ticket ${ticketId}: ${text}`;
          await setTicketStatus(trx, child.id, 'resolved', childText, { resolution: childText, resolution_date: now });
          await stopClock(trx, child.id, clockStepOf(child), '', now);
          await enqueue(trx, {
            kind: 'zeebe-message', messageId: `ticket-resolved:${child.id}:${ticketId}`, name: 'ticket-resolved',
            correlationKey: child.id, variables: {}, orderId: child.id,
          });
        }
        return { output: { resolution: text }, details: { resolution: text, children: children.map((c) => c.id) } };
      }),
  });
