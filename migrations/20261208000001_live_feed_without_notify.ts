import type { Knex } from 'knex';

/**
 * No transaction notifies any more. PostgreSQL serialises notifying commits on one lock, held from
 * before the commit until its WAL flush, so each waits for the earlier ones to reach disk one at a
 * time; and nearly every transaction of ours notified (every trace entry, every deadline change).
 * Sampled every 50 ms during the bench's engine rounds, 634 of ~1,400 active backends were COMMITs
 * waiting on that lock. The API's live feed now reads trace entries by id, and the console's
 * changes from `console_changes`, which the console triggers fill instead (src/events/trace-feed.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('console_changes', (t) => {
    t.bigIncrements('id');
    t.text('topic').notNullable(); // deadline | alarm | exception
    t.text('ref_id').notNullable();
    t.text('subject_id');
    t.text('state');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX console_changes_at ON console_changes (at)');
  await consoleEvent(knex, `INSERT INTO console_changes (topic, ref_id, subject_id, state)
      VALUES (TG_ARGV[0], coalesce(r->>'id', r->>'key'), r->>'subject_id', r->>'state');`);
  await traceEventInserted(knex, '');
}

export async function down(knex: Knex): Promise<void> {
  await traceEventInserted(knex, `
      PERFORM pg_notify('trace_events', json_build_object(
        'id', NEW.id, 'orderId', NEW.order_id, 'kind', NEW.kind, 'step', NEW.step, 'outcome', NEW.outcome, 'at', NEW.at)::text);`);
  await consoleEvent(knex, `PERFORM pg_notify('console_events', json_build_object(
      'topic', TG_ARGV[0], 'id', coalesce(r->>'id', r->>'key'), 'subjectId', r->>'subject_id', 'state', r->>'state')::text);`);
  await knex.schema.dropTable('console_changes');
}

/** The board's trace trigger (migration 20261126100001), with `notify` after its upsert. */
async function traceEventInserted(knex: Knex, notify: string): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION trace_event_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'step' THEN
        INSERT INTO order_board (order_id, last_step, last_step_at) VALUES (NEW.order_id, NEW.step, NEW.at)
        ON CONFLICT (order_id) DO UPDATE SET last_step = EXCLUDED.last_step, last_step_at = EXCLUDED.last_step_at, updated_at = now();
      END IF;${notify}
      RETURN NEW;
    END $$`);
}

/** The console triggers' function (migration 20261123400001), doing `record` with the changed row as `r`. */
async function consoleEvent(knex: Knex, record: string): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION console_event() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      r jsonb := to_jsonb(NEW);
    BEGIN
      ${record}
      RETURN NEW;
    END $$`);
}
