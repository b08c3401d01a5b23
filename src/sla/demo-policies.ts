import type { Db } from '../db/index.js';

/** The organisation's posts (R4.1) with their supervisors: an unacknowledged alarm escalates one level up. */
export const demoPosts = [
  { id: 'dispatch-supervisor', name: 'Dispatch centre supervisor', supervisor_post_id: null },
  { id: 'field-manager', name: 'Field operations manager', supervisor_post_id: null },
  { id: 'network-ops-manager', name: 'Network operations manager', supervisor_post_id: null },
  { id: 'dispatch-desk', name: 'Dispatch desk', supervisor_post_id: 'dispatch-supervisor' },
  { id: 'line-crew-lead', name: 'Line crew lead', supervisor_post_id: 'field-manager' },
  { id: 'installation-crew-lead', name: 'Installation crew lead', supervisor_post_id: 'field-manager' },
  { id: 'measurement-crew-lead', name: 'Measurement crew lead', supervisor_post_id: 'field-manager' },
  { id: 'network-ops', name: 'Network operations (NM configuration)', supervisor_post_id: 'network-ops-manager' },
  { id: 'repair-desk', name: 'Fault repair desk (障碍台)', supervisor_post_id: 'dispatch-supervisor' },
  { id: 'complaint-desk', name: 'Complaint handling', supervisor_post_id: 'dispatch-supervisor' },
  { id: 'callback-desk', name: 'Customer callback (回访)', supervisor_post_id: 'dispatch-supervisor' },
  { id: 'construction-manager', name: 'Construction manager (approves construction requests)', supervisor_post_id: 'network-ops-manager' },
  { id: 'network-design', name: 'Network design engineer', supervisor_post_id: 'construction-manager' },
];

const h = 3600;
const p = (step: string, limitH: number, preH: number, post: string, extra: Record<string, unknown> = {}) => ({
  flow: 'order-fulfillment', step, limit_seconds: limitH * h, pre_alarm_seconds: preH * h, escalate_after_seconds: 2 * h, post_id: post, ...extra,
});

const d = 24 * h;
const c = (step: string, limitD: number, preD: number, post: string, extra: Record<string, unknown> = {}) => ({
  flow: 'construction', step, limit_seconds: limitD * d, pre_alarm_seconds: preD * d, escalate_after_seconds: 2 * d, post_id: post, ...extra,
});

/** Service levels by customer tier (R5.3): diamond and VIP customers get the shortest limits. */
export const demoPolicies = [
  p('order', 72, 12, 'dispatch-desk'),
  p('order', 48, 8, 'dispatch-desk', { customer_tier: 'gold' }),
  p('order', 24, 4, 'dispatch-desk', { customer_tier: 'diamond' }),
  p('order', 24, 4, 'dispatch-desk', { vip: true }),
  p('work-order:line', 24, 4, 'line-crew-lead'),
  p('work-order:line', 8, 2, 'line-crew-lead', { customer_tier: 'diamond' }),
  p('work-order:installation', 24, 4, 'installation-crew-lead'),
  p('work-order:installation', 8, 2, 'installation-crew-lead', { customer_tier: 'diamond' }),
  p('work-order:nm-config', 2, 0.5, 'network-ops'),
  p('work-order:measurement', 8, 2, 'measurement-crew-lead'),
  p('*', 24, 4, 'dispatch-desk'),
  // Restore limits by priority (1 = critical, or major for a gold/diamond/VIP customer).
  ...[4, 8, 24, 48].map((limitH, i) => ({
    flow: 'fault-repair', step: 'restore', priority: i + 1, limit_seconds: limitH * h, pre_alarm_seconds: (limitH * h) / 4, escalate_after_seconds: h, post_id: 'repair-desk',
  })),
  { flow: 'fault-repair', step: 'restore', limit_seconds: 24 * h, pre_alarm_seconds: 6 * h, escalate_after_seconds: h, post_id: 'repair-desk' },
  { flow: 'fault-repair', step: 'complaint', limit_seconds: 48 * h, pre_alarm_seconds: 12 * h, escalate_after_seconds: 4 * h, post_id: 'complaint-desk' },
  { flow: 'fault-repair', step: 'work-order:repair', limit_seconds: 8 * h, pre_alarm_seconds: 2 * h, escalate_after_seconds: h, post_id: 'line-crew-lead' },
  { flow: 'fault-repair', step: 'work-order:repair', priority: 1, limit_seconds: 2 * h, pre_alarm_seconds: 0.5 * h, escalate_after_seconds: 0.5 * h, post_id: 'line-crew-lead' },
  // Payment resumption (缴费复机): services back within 30 minutes of billing's payment event.
  { flow: 'suspend-resume', step: 'resume', limit_seconds: 1800, pre_alarm_seconds: 600, escalate_after_seconds: 900, post_id: 'network-ops' },
  // Construction (R1.4) runs in days and weeks; the upper-level dispatch's urgent requests (priority 0) get half the time.
  c('order', 30, 5, 'construction-manager'),
  c('order', 15, 3, 'construction-manager', { priority: 0 }),
  c('work-order:site-construction', 14, 3, 'construction-manager'),
  c('work-order:acceptance-test', 3, 1, 'measurement-crew-lead'),
  c('*', 7, 1, 'construction-manager'),
];

/** Adds the demo posts and policies where none exist yet; an operator's edits are never overwritten. */
export async function seedDemoPolicies(db: Db): Promise<void> {
  await db('posts').insert(demoPosts).onConflict('id').ignore();
  // Per flow: a flow added in a later release gets its policies, a flow an operator has edited keeps its own.
  const flows: string[] = await db('sla_policies').distinct('flow').pluck('flow');
  const missing = demoPolicies.filter((policy) => !flows.includes(policy.flow));
  if (missing.length) await db('sla_policies').insert(missing);
}
