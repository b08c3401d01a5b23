import type { Knex } from 'knex';

/**
 * The statistics page (R3.9) reads a window of days out of the history tables; without these each
 * of its queries scanned the whole table (at 100,000 orders: trace_events 0.9 M rows, deadlines
 * 0.36 M, work_orders 0.25 M). Steps and state changes by when they happened (per-step durations,
 * orders ended per day), clocks by when they stopped (on-time rates), and work orders by when they
 * were closed (per crew). The partial ones cover only the rows those queries count.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX trace_events_kind_at ON trace_events (kind, at)');
  await knex.raw(`CREATE INDEX deadlines_done_ended_at ON deadlines (ended_at) WHERE state = 'done'`);
  await knex.raw(`CREATE INDEX work_orders_completed_closed_at ON work_orders (closed_at) WHERE state = 'completed'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS work_orders_completed_closed_at');
  await knex.raw('DROP INDEX IF EXISTS deadlines_done_ended_at');
  await knex.raw('DROP INDEX IF EXISTS trace_events_kind_at');
}
