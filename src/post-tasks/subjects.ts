import { resourceTypeLabels } from '../construction/schema.js';
import type { Db } from '../db/index.js';

/** What a post reads about a task's subject before answering: the request to approve, the complaint to handle. */
export interface TaskSubject {
  type: 'constructionOrder' | 'troubleTicket';
  title: string;
  facts: { label: string; value: string }[];
}

const fact = (label: string, value: unknown) => (value === null || value === undefined || value === '' ? [] : [{ label, value: String(value) }]);

/**
 * The subjects of these tasks, read from their own tables when the list is read: the flow's
 * variables hold only the id, and what the post decides on is the request as it stands now.
 */
export async function subjectsOf(db: Db, subjectIds: (string | null)[]): Promise<Map<string, TaskSubject>> {
  const ids = [...new Set(subjectIds.filter((id): id is string => !!id))];
  const found = new Map<string, TaskSubject>();
  if (!ids.length) return found;
  const [orders, tickets] = await Promise.all([
    db('construction_orders').whereIn('id', ids).select('id', 'title', 'description', 'area', 'source', 'priority', 'requested_capacity'),
    db('trouble_tickets').whereIn('id', ids).select('id', 'name', 'description', 'ticket_type', 'severity', 'area'),
  ]);
  for (const o of orders) {
    const capacity = (o.requested_capacity as { type: keyof typeof resourceTypeLabels; quantity: number }[])
      .map((c) => `${c.quantity} × ${resourceTypeLabels[c.type] ?? c.type}`).join(', ');
    found.set(o.id, {
      type: 'constructionOrder',
      title: o.title,
      facts: [...fact('Area', o.area), ...fact('Requested by', o.source), ...fact('Priority', o.priority), ...fact('Capacity', capacity), ...fact('Description', o.description)],
    });
  }
  for (const t of tickets) {
    found.set(t.id, {
      type: 'troubleTicket',
      title: t.name ?? t.description,
      facts: [...fact('Type', t.ticket_type), ...fact('Severity', t.severity), ...fact('Area', t.area), ...(t.name ? fact('Description', t.description) : [])],
    });
  }
  return found;
}
