import type { Knex } from 'knex';
import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

export interface SlaContext {
  tier?: string | null;
  vip?: boolean | null;
  priority?: number | null;
}

export interface PolicyRow {
  id: number;
  flow: string;
  step: string;
  customer_tier: string | null;
  vip: boolean | null;
  priority: number | null;
  limit_seconds: number;
  pre_alarm_seconds: number;
  escalate_after_seconds: number | null;
  post_id: string;
}

/**
 * The policy for a step: the step's own policies beat the flow's default ('*'); among those, the
 * most specific match on tier, VIP and priority wins, and on a tie the shorter limit.
 */
export async function resolvePolicy(conn: Conn, flow: string, step: string, ctx: SlaContext): Promise<PolicyRow | undefined> {
  return policyQuery(conn, flow, step, ctx).first();
}

/** resolvePolicy's query, unsent, for statements that use the policy in the same round trip; ordered best first. */
export function policyQuery(conn: Conn, flow: string, step: string, ctx: SlaContext): Knex.QueryBuilder {
  return conn('sla_policies')
    .where({ flow })
    .whereIn('step', [step, '*'])
    .where((q) => {
      q.whereNull('customer_tier');
      if (ctx.tier) q.orWhere('customer_tier', ctx.tier);
    })
    .where((q) => {
      q.whereNull('vip');
      if (ctx.vip !== undefined && ctx.vip !== null) q.orWhere('vip', ctx.vip);
    })
    .where((q) => {
      q.whereNull('priority');
      if (ctx.priority !== undefined && ctx.priority !== null) q.orWhere('priority', ctx.priority);
    })
    .orderByRaw('(step = ?) DESC', [step])
    .orderByRaw('((customer_tier IS NOT NULL)::int + (vip IS NOT NULL)::int + (priority IS NOT NULL)::int) DESC')
    .orderBy('limit_seconds');
}
