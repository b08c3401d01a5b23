import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { recordEvent } from '../trace/index.js';
import { publishTicketEvent } from './events.js';
import { ticketPriority } from './priority.js';
import type { TroubleTicketCreate } from './schema.js';

type Conn = Db | Tx;

export type TicketStatus = 'acknowledged' | 'inProgress' | 'pending' | 'held' | 'resolved' | 'closed' | 'cancelled' | 'rejected';
export type TicketChannel = 'customer' | 'nms' | 'inspection' | 'merged';

export interface TicketRow {
  id: string;
  ticket_type: string;
  description: string;
  severity: string;
  name: string | null;
  external_id: string | null;
  status: TicketStatus;
  status_change_reason: string | null;
  status_change_date: Date;
  priority: number;
  channel: TicketChannel;
  role: 'report' | 'master';
  customer_id: string | null;
  affected_resource_id: string | null;
  element_id: string | null;
  area: string | null;
  master_id: string | null;
  major_incident: boolean;
  resolution: string | null;
  body: Partial<TroubleTicketCreate>;
  survey: Record<string, unknown> | null;
  process_instance_key: string | null;
  creation_date: Date;
  last_update: Date;
  expected_resolution_date: Date | null;
  resolution_date: Date | null;
}

export const isComplaint = (t: Pick<TicketRow, 'ticket_type'>) => t.ticket_type.toLowerCase() === 'complaint';
export const isOpen = (t: Pick<TicketRow, 'status'>) => !['resolved', 'closed', 'cancelled', 'rejected'].includes(t.status);

export class TicketInputError extends Error {}
export class TicketConflict extends Error {}

const inspectionTypes = new Set(['inspection', 'inspectionfinding']);

/** Who reported it: an NMS alarm, an inspection crew, or a customer through a CRM or call centre. */
function channelOf(input: TroubleTicketCreate, fromAlarm: boolean): TicketChannel {
  if (fromAlarm) return 'nms';
  const said = (input.channel?.name ?? input.channel?.id ?? '').toLowerCase();
  return said === 'inspection' || inspectionTypes.has(input.ticketType.toLowerCase()) ? 'inspection' : 'customer';
}

/**
 * Records the ticket and, in the same transaction, the message that starts its flow: a ticket
 * exists if and only if its repair will be worked.
 */
export async function createTicket(trx: Tx, input: TroubleTicketCreate, actor: { id: string | null; name: string }, opts: { fromAlarm?: boolean } = {}): Promise<TicketRow> {
  const customerId = input.relatedParty?.find((p) => p.role?.toLowerCase() === 'customer')?.id ?? null;
  const resourceId = input.relatedEntity?.find((e) => e.role === 'affectedResource')?.id ?? null;
  const customer = customerId ? await trx('customers').where({ id: customerId }).first('id', 'tier', 'vip') : null;
  if (customerId && !customer) throw new TicketInputError(`unknown customer ${customerId}`);
  if (resourceId && !/^[0-9a-f-]{36}$/i.test(resourceId)) throw new TicketInputError(`affectedResource ${resourceId} is not a resource id`);
  const resource = resourceId ? await trx('network_resources').where({ id: resourceId }).first('id', 'area') : null;
  if (resourceId && !resource) throw new TicketInputError(`unknown affectedResource ${resourceId}`);
  const id = randomUUID();
  const [row] = await trx('trouble_tickets')
    .insert({
      id,
      ticket_type: input.ticketType,
      description: input.description,
      severity: input.severity,
      name: input.name ?? null,
      external_id: input.externalId ?? null,
      priority: ticketPriority(input.severity, customer),
      channel: channelOf(input, opts.fromAlarm ?? false),
      role: 'report',
      customer_id: customer?.id ?? null,
      affected_resource_id: resource?.id ?? null,
      area: resource?.area ?? null,
      body: JSON.stringify(input),
      created_by: actor.id,
    })
    .returning('*');
  await recordEvent(trx, id, 'action', actor.name, 'trouble ticket received', { channel: row.channel, severity: row.severity, priority: row.priority });
  await startTicketFlow(trx, id);
  await publishTicketEvent(trx, id, 'TroubleTicketCreateEvent');
  return row;
}

export async function startTicketFlow(trx: Tx, ticketId: string): Promise<void> {
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `trouble-ticket-created:${ticketId}`,
    name: 'trouble-ticket-created',
    correlationKey: ticketId,
    variables: { ticketId },
    orderId: ticketId,
  });
}

export async function getTicket(conn: Conn, id: string): Promise<TicketRow | undefined> {
  return conn('trouble_tickets').where({ id }).first();
}

/** A status change with its reason, told to the hubs; setting the status it already has changes nothing. */
export async function setTicketStatus(
  trx: Tx,
  id: string,
  status: TicketStatus,
  reason: string | null,
  extra: Partial<Pick<TicketRow, 'resolution' | 'resolution_date' | 'expected_resolution_date' | 'master_id' | 'priority' | 'survey'>> = {},
): Promise<TicketRow> {
  const before: TicketRow = await trx('trouble_tickets').where({ id }).forUpdate().first();
  const changed = before.status !== status;
  const [row] = await trx('trouble_tickets')
    .where({ id })
    .update({
      status,
      ...(changed ? { status_change_reason: reason, status_change_date: trx.fn.now() } : {}),
      ...extra,
      ...(extra.survey ? { survey: JSON.stringify(extra.survey) } : {}),
      last_update: trx.fn.now(),
    })
    .returning('*');
  if (changed) await publishTicketEvent(trx, id, status === 'resolved' ? 'TroubleTicketResolvedEvent' : 'TroubleTicketStatusChangeEvent');
  return row;
}

/** The ids of a resource and of every element above it, nearest first. */
export async function lineage(conn: Conn, resourceId: string): Promise<string[]> {
  const rows = await conn.raw(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM network_resources WHERE id = ?
       UNION ALL SELECT r.id, r.parent_id, up.depth + 1 FROM network_resources r JOIN up ON r.id = up.parent_id WHERE up.depth < 16
     ) SELECT id FROM up ORDER BY depth`,
    [resourceId],
  );
  return rows.rows.map((r: { id: string }) => r.id);
}
