import type { Knex } from 'knex';

/**
 * Each board row carries its subject's creation time, so a board filtered by step reads its newest
 * (or oldest) subjects along one index and stops after the page. Sorted by the subject's own time,
 * PostgreSQL walked every subject from the newest and probed each one's step: fast while subjects
 * at that step are spread evenly in time, slow when the newest thousands are elsewhere. In the
 * bench's full run 13,200 freshly rejected orders came first and `step=work-order` took p50 105 ms.
 * The triggers already look the subject up (migration 20261210000001); they now take its time too.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE order_board ADD COLUMN subject_created_at timestamptz');
  await knex.raw('UPDATE order_board b SET subject_created_at = s.created_at FROM dispatch_board s WHERE s.id = b.order_id');
  await knex.raw('ALTER TABLE order_board ALTER COLUMN subject_created_at SET NOT NULL');
  await knex.raw('CREATE INDEX order_board_step_created ON order_board (current_step, subject_created_at, order_id)');
  await defineBoardTriggers(knex, ['kind', 'created_at']);
}

export async function down(knex: Knex): Promise<void> {
  await defineBoardTriggers(knex, ['kind']);
  await knex.raw('DROP INDEX IF EXISTS order_board_step_created');
  await knex.raw('ALTER TABLE order_board DROP COLUMN subject_created_at');
}

const boardColumn: Record<string, string> = { kind: 'kind', created_at: 'subject_created_at' };

/** The trigger functions of migration 20261210000001, writing the given columns of the subject into its board row. */
async function defineBoardTriggers(knex: Knex, subjectColumns: string[]): Promise<void> {
  const row = (subject: string, columns: string[], values: string[]) =>
    `(order_id, ${[...subjectColumns.map((c) => boardColumn[c]), ...columns].join(', ')}) ` +
    `SELECT s.id, ${[...subjectColumns.map((c) => `s.${c}`), ...values].join(', ')} FROM dispatch_board s WHERE s.id = ${subject}`;
  await knex.raw(`
    CREATE OR REPLACE FUNCTION trace_event_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'step' THEN
        INSERT INTO order_board ${row('NEW.order_id', ['last_step', 'last_step_at'], ['NEW.step', 'NEW.at'])}
        ON CONFLICT (order_id) DO UPDATE SET last_step = EXCLUDED.last_step, last_step_at = EXCLUDED.last_step_at, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`
    CREATE OR REPLACE FUNCTION work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was_open int := CASE WHEN TG_OP = 'UPDATE' AND OLD.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
      is_open int := CASE WHEN NEW.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
    BEGIN
      -- A delta, not a recount: work orders of one subject are dispatched in parallel transactions
      -- that cannot see each other's rows, while the upsert's row lock serialises the deltas.
      IF NEW.subject_id IS NOT NULL AND is_open <> was_open THEN
        INSERT INTO order_board ${row('NEW.subject_id', ['open_work_orders'], ['is_open - was_open'])}
        ON CONFLICT (order_id) DO UPDATE SET open_work_orders = order_board.open_work_orders + EXCLUDED.open_work_orders, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
}
