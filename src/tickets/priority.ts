/**
 * Priority 1 (most urgent) to 4 from the reported severity and the customer's tier (R5.3): the
 * severity gives the base, a diamond, gold or VIP customer is served one level sooner. TMF621
 * leaves severity free text, so the usual words of CRMs and NMSs (X.733 included) are read.
 */
const severityBase: Record<string, number> = {
  critical: 1,
  major: 2,
  high: 2,
  minor: 3,
  medium: 3,
  warning: 4,
  low: 4,
  indeterminate: 3,
};

const fasterTiers = new Set(['diamond', 'gold']);

export function ticketPriority(severity: string, customer?: { tier: string | null; vip: boolean | null } | null): number {
  const base = severityBase[severity.trim().toLowerCase()] ?? 3;
  const bump = customer && (fasterTiers.has(customer.tier ?? '') || customer.vip) ? 1 : 0;
  return Math.max(1, base - bump);
}

/** A master ticket is as urgent as its most urgent report, and a major incident is always priority 1. */
export function masterPriority(children: number[], majorIncident: boolean): number {
  return majorIncident ? 1 : Math.min(4, ...children);
}
