import type { Db, Tx } from '../db/index.js';
import type { TicketRow } from './repository.js';

export const troubleTicketPath = '/tmf-api/troubleTicket/v4/troubleTicket';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);

/**
 * TMF621 TroubleTicket. What the requester sent is echoed unchanged (the CTK compares strings);
 * the merge shows as troubleTicketRelationship (isChild of the master / isParent of each report).
 */
export function toTroubleTicket(t: TicketRow, childIds: string[]): Record<string, unknown> {
  const rel = (id: string, relationshipType: string) => ({ id, href: `${troubleTicketPath}/${id}`, relationshipType });
  const entry: Record<string, unknown> = {
    id: t.id,
    href: `${troubleTicketPath}/${t.id}`,
    ticketType: t.ticket_type,
    description: t.description,
    severity: t.severity,
    priority: String(t.priority),
    status: t.status,
    statusChangeDate: iso(t.status_change_date),
    creationDate: iso(t.creation_date),
    lastUpdate: iso(t.last_update),
    channel: { id: t.channel, name: t.channel },
    note: t.body.note ?? [],
    relatedEntity: t.body.relatedEntity ?? (t.element_id ? [{ id: t.element_id, role: 'failedElement', '@referredType': 'Resource' }] : []),
    relatedParty: t.body.relatedParty ?? [],
    attachment: t.body.attachment ?? [],
    troubleTicketRelationship: [
      ...(t.master_id ? [rel(t.master_id, 'isChild')] : []),
      ...childIds.map((id) => rel(id, 'isParent')),
    ],
    majorIncident: t.major_incident,
    '@type': 'TroubleTicket',
  };
  if (t.name) entry.name = t.name;
  if (t.external_id) entry.externalId = t.external_id;
  if (t.status_change_reason) entry.statusChangeReason = t.status_change_reason;
  if (t.expected_resolution_date) entry.expectedResolutionDate = iso(t.expected_resolution_date);
  if (t.body.requestedResolutionDate) entry.requestedResolutionDate = t.body.requestedResolutionDate;
  if (t.resolution_date) entry.resolutionDate = iso(t.resolution_date);
  if (t.resolution) entry.resolution = t.resolution;
  if (t.survey) entry.survey = t.survey;
  return entry;
}

export async function childrenOf(conn: Db | Tx, ids: string[]): Promise<Map<string, string[]>> {
  const rows: { id: string; master_id: string }[] = ids.length
    ? await conn('trouble_tickets').whereIn('master_id', ids).orderBy('creation_date').select('id', 'master_id')
    : [];
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.master_id, [...(map.get(r.master_id) ?? []), r.id]);
  return map;
}

export async function loadTroubleTicket(conn: Db | Tx, id: string): Promise<Record<string, unknown> | undefined> {
  const row = await conn('trouble_tickets').where({ id }).first();
  if (!row) return undefined;
  return toTroubleTicket(row, (await childrenOf(conn, [id])).get(id) ?? []);
}
