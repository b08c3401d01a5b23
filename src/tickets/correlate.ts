import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/index.js';
import { recordEvent } from '../trace/index.js';
import { masterPriority } from './priority.js';
import { lineage, setTicketStatus, startTicketFlow, type TicketRow } from './repository.js';

export interface MergeSettings {
  /** How long after a master opened new reports on its element still join it. */
  windowSeconds: number;
  /** From this many reports on one element, it is a major incident dispatched as an emergency (应急调度). */
  majorIncidentReports: number;
}

/**
 * Reports and alarms on one resource, or on resources under one failed element, become children
 * of one master ticket that carries the repair (R3.3). The first report opens the master; an
 * alarm names its element itself, a customer's line points at the element it hangs under.
 */
export async function correlateTicket(trx: Tx, ticketId: string, settings: MergeSettings, now: Date): Promise<string | null> {
  const ticket: TicketRow = await trx('trouble_tickets').where({ id: ticketId }).forUpdate().first();
  if (ticket.master_id) return ticket.master_id;
  if (!ticket.affected_resource_id) return null;
  const line = await lineage(trx, ticket.affected_resource_id);
  // Everything under one root element is serialised: two reports racing cannot open two masters.
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`ticket-element:${line[line.length - 1]}`]);
  const since = new Date(now.getTime() - settings.windowSeconds * 1000);
  const candidates: TicketRow[] = await trx('trouble_tickets')
    .where({ role: 'master' })
    .whereIn('element_id', line)
    .whereNotIn('status', ['resolved', 'closed', 'cancelled', 'rejected'])
    .where('creation_date', '>=', since);
  let master = line.map((id) => candidates.find((c) => c.element_id === id)).find(Boolean);
  if (!master) {
    const element = ticket.channel === 'nms' ? line[0]! : (line[1] ?? line[0]!);
    const name = (await trx('network_resources').where({ id: element }).first('name'))?.name ?? element;
    [master] = await trx('trouble_tickets')
      .insert({
        id: randomUUID(),
        ticket_type: ticket.ticket_type,
        description: `Fault on ${name}`,
        severity: ticket.severity,
        status: 'acknowledged',
        priority: ticket.priority,
        channel: 'merged',
        role: 'master',
        element_id: element,
        area: ticket.area,
        body: JSON.stringify({}),
      })
      .returning('*');
    await recordEvent(trx, master!.id, 'action', 'dispatch', 'master ticket opened for a failed element', { elementId: element, firstReport: ticketId });
    await startTicketFlow(trx, master!.id);
  }
  await setTicketStatus(trx, ticketId, 'pending', `merged into master ticket ${master!.id}`, { master_id: master!.id });
  await recordEvent(trx, ticketId, 'action', 'dispatch', 'merged into master ticket', { masterId: master!.id });
  await refreshMaster(trx, master!.id, settings);
  return master!.id;
}

/**
 * The master is as urgent as its reports; enough reports make it a major incident, its repair an
 * emergency. Without settings (a report left) it only follows the reports' priorities.
 */
export async function refreshMaster(trx: Tx, masterId: string, settings?: MergeSettings): Promise<void> {
  const children: { priority: number }[] = await trx('trouble_tickets').where({ master_id: masterId }).whereNotIn('status', ['closed', 'cancelled']).select('priority');
  const master: TicketRow = await trx('trouble_tickets').where({ id: masterId }).forUpdate().first();
  const major = master.major_incident || (settings !== undefined && children.length >= settings.majorIncidentReports);
  const priority = children.length ? masterPriority(children.map((c) => c.priority), major) : master.priority;
  await trx('trouble_tickets').where({ id: masterId }).update({ major_incident: major, priority, last_update: trx.fn.now() });
  if (major && !master.major_incident) {
    await recordEvent(trx, masterId, 'action', 'dispatch', 'major incident: dispatched as an emergency (应急调度)', { reports: children.length });
    await trx('work_orders').where({ subject_id: masterId }).update({ emergency: true });
  }
}
