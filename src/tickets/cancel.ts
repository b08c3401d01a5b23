import type { Tx } from '../db/index.js';
import { stopClock } from '../sla/clock.js';
import { refreshMaster } from './correlate.js';
import { isComplaint, setTicketStatus, type TicketRow } from './repository.js';

/** The clock a ticket runs under: the restore limit, or for a complaint the complaint desk's. */
export const clockStepOf = (t: Pick<TicketRow, 'ticket_type'>) => (isComplaint(t) ? 'complaint' : 'restore');

/**
 * Ends an unresolved ticket as cancelled (withdrawn by its requester, or aborted from the
 * exception queue): its open repair work and clocks stop, and its master no longer counts it.
 */
export async function cancelTicket(trx: Tx, ticketId: string, reason: string, now: Date): Promise<string[]> {
  const t: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).first();
  await setTicketStatus(trx, ticketId, 'cancelled', reason);
  await stopClock(trx, ticketId, clockStepOf(t), '', now);
  const open = await trx('work_orders').where({ subject_id: ticketId }).whereIn('state', ['acknowledged', 'inProgress', 'held']).select('id', 'kind');
  for (const wo of open) {
    await trx('work_orders').where({ id: wo.id }).update({ state: 'cancelled', closed_at: now, note: reason });
    await stopClock(trx, ticketId, `work-order:${wo.kind}`, wo.id, now);
  }
  if (t.master_id) await refreshMaster(trx, t.master_id);
  return open.map((w) => w.id as string);
}
