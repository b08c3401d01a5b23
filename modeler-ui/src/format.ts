/** "3 min", "2 h 5 min", "4 d 3 h": how long, at the precision a dispatcher reads at a glance. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(h / 24);
  return `${d} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

export const since = (iso: string | null) => (iso ? duration(Date.now() - new Date(iso).getTime()) : '—');

export const clock = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const shortId = (id: string) => id.slice(0, 8);

const stateLabels: Record<string, string> = {
  acknowledged: 'Received', inProgress: 'In progress', completed: 'Completed', rejected: 'Rejected', failed: 'Failed',
  cancelled: 'Cancelled', pending: 'Pending', held: 'Held', partial: 'Partial',
  assessingCancellation: 'Assessing cancellation', pendingCancellation: 'Pending cancellation',
  resolved: 'Resolved', closed: 'Closed', received: 'Received', skipped: 'Skipped',
};
export const stateLabel = (s: string) => stateLabels[s] ?? s;

/** What each kind of board subject is called, one and many. */
export const kindLabels: Record<string, { one: string; many: string }> = {
  productOrder: { one: 'Order', many: 'Orders' },
  troubleTicket: { one: 'Ticket', many: 'Tickets' },
  suspension: { one: 'Suspension', many: 'Suspensions' },
  constructionOrder: { one: 'Construction', many: 'Construction' },
};
export const kindLabel = (kind: string) => kindLabels[kind]?.one ?? kind;
