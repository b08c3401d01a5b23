import type { Knex } from 'knex';
import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

export interface StepRecord {
  orderId: string;
  step: string;
  scopeKey?: string | null;
  actor: string;
  outcome: string;
  enteredAt: Date;
  details?: Record<string, unknown>;
}

/** The trace is append-only and written in the same transaction as the effect it describes. */
export async function recordStep(conn: Conn, rec: StepRecord): Promise<void> {
  await stepTraceInsert(conn, rec);
}

/** The step's trace row as a statement not yet sent, to go with other writes (src/db/together.ts). */
export function stepTraceInsert(conn: Conn, rec: StepRecord): Knex.QueryBuilder {
  return conn('trace_events').insert({
    order_id: rec.orderId,
    kind: 'step',
    step: rec.step,
    scope_key: rec.scopeKey ?? null,
    actor: rec.actor,
    outcome: rec.outcome,
    entered_at: rec.enteredAt,
    details: rec.details ? JSON.stringify(rec.details) : null,
  });
}

export async function recordEvent(...args: Parameters<typeof eventTraceInsert>): Promise<void> {
  await eventTraceInsert(...args);
}

/** An event's trace row as a statement not yet sent, to go with other writes (src/db/together.ts). */
export function eventTraceInsert(
  conn: Conn,
  orderId: string,
  kind: 'state' | 'action',
  actor: string,
  outcome: string,
  details?: Record<string, unknown>,
): Knex.QueryBuilder {
  return conn('trace_events').insert({
    order_id: orderId,
    kind,
    actor,
    outcome,
    details: details ? JSON.stringify(details) : null,
  });
}

export interface TraceEntry {
  kind: string;
  step: string | null;
  scopeKey: string | null;
  actor: string;
  outcome: string | null;
  enteredAt: string | null;
  leftAt: string;
  durationMs: number | null;
  details: unknown;
}

export async function readTrace(conn: Conn, orderId: string): Promise<TraceEntry[]> {
  const rows = await conn('trace_events').where({ order_id: orderId }).orderBy('id');
  return rows.map((r) => ({
    kind: r.kind,
    step: r.step,
    scopeKey: r.scope_key,
    actor: r.actor,
    outcome: r.outcome,
    enteredAt: r.entered_at ? new Date(r.entered_at).toISOString() : null,
    leftAt: new Date(r.at).toISOString(),
    durationMs: r.entered_at ? new Date(r.at).getTime() - new Date(r.entered_at).getTime() : null,
    details: r.details,
  }));
}
