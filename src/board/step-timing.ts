import type { Db } from '../db/index.js';
import { resolvePolicy, type SlaContext } from '../sla/policies.js';

/** How a passed step did against its time limit: inside it, past its pre-alarm point, or past the limit. */
export type Timing = 'within' | 'near' | 'over';

const rank: Record<Timing, number> = { within: 0, near: 1, over: 2 };
export const worse = (a: Timing | null, b: Timing | null): Timing | null => (a === null ? b : b === null || rank[a] >= rank[b] ? a : b);

/** A limit as offsets from the step's start: where the pre-alarm falls and where the limit does. */
export interface Limit {
  warnMs: number;
  limitMs: number;
}

export function rate(tookMs: number, limit: Limit): Timing {
  if (tookMs > limit.limitMs) return 'over';
  if (tookMs >= limit.warnMs) return 'near';
  return 'within';
}

interface StepRow {
  step: string;
  scope_key: string | null;
  entered_at: Date | null;
  at: Date;
}

/**
 * Rates each finished step of a subject (an order, a ticket …) against its limit. A step that ran its own clock is judged
 * by that deadline (pauses moved it, so a deferral does not count against the crew); any other
 * step by the policy that would apply to it (the flow's default '*' included); a step without
 * either gets no rating.
 */
export async function createStepRater(db: Db, flow: string, subjectId: string, context: SlaContext) {
  const deadlines = new Map<string, { started_at: Date; warn_at: Date; due_at: Date }>();
  for (const d of await db('deadlines').where({ subject_id: subjectId })) deadlines.set(`${d.step}\u0000${d.scope_key}`, d);
  const policies = new Map<string, Limit | null>();
  const policyLimit = async (step: string) => {
    if (!policies.has(step)) {
      const p = await resolvePolicy(db, flow, step, context);
      policies.set(step, p ? { warnMs: (p.limit_seconds - p.pre_alarm_seconds) * 1000, limitMs: p.limit_seconds * 1000 } : null);
    }
    return policies.get(step)!;
  };

  return async function rateStep(s: StepRow): Promise<{ timing: Timing | null; limitMs: number | null }> {
    const d = deadlines.get(`${s.step}\u0000${s.scope_key ?? ''}`);
    if (d) {
      const start = new Date(d.started_at).getTime();
      const limit = { warnMs: new Date(d.warn_at).getTime() - start, limitMs: new Date(d.due_at).getTime() - start };
      return { timing: rate(new Date(s.at).getTime() - start, limit), limitMs: limit.limitMs };
    }
    if (!s.entered_at) return { timing: null, limitMs: null };
    const limit = await policyLimit(s.step);
    if (!limit) return { timing: null, limitMs: null };
    return { timing: rate(new Date(s.at).getTime() - new Date(s.entered_at).getTime(), limit), limitMs: limit.limitMs };
  };
}
