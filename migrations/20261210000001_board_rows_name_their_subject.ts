import type { Knex } from 'knex';

/**
 * Each board row names its subject's kind, and only a subject of the board gets a row: the trace and
 * work orders name their subject by id without a foreign key (four tables), so the triggers look the
 * subject up in `dispatch_board` when they write. The board can then count the subjects at a step
 * from `order_board` alone. Joined to the view, that count was a hash join over every subject's id
 * (at 113k orders, `step=work-order` p50 127 ms in the bench's full run, its page 11 ms).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE order_board ADD COLUMN kind text');
  await knex.raw('UPDATE order_board b SET kind = s.kind FROM dispatch_board s WHERE s.id = b.order_id');
  // Rows of ids no subject has: the board never showed them, since its lists start from the subjects.
  await knex.raw('DELETE FROM order_board WHERE kind IS NULL');
  await knex.raw('ALTER TABLE order_board ALTER COLUMN kind SET NOT NULL');
  await knex.raw('DROP INDEX IF EXISTS order_board_current_step');
  await knex.raw('CREATE INDEX order_board_step_kind ON order_board (current_step, kind)');
  await defineBoardTriggers(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  await defineBoardTriggers(knex, false);
  await knex.raw('DROP INDEX IF EXISTS order_board_step_kind');
  await knex.raw('CREATE INDEX order_board_current_step ON order_board (current_step)');
  await knex.raw('ALTER TABLE order_board DROP COLUMN kind');
}

/** The trigger functions of migrations 20261126100001 and 20261208000001, with (`named`) or without the subject's lookup. */
async function defineBoardTriggers(knex: Knex, named: boolean): Promise<void> {
  const row = (subject: string, columns: string[], values: string[]) => named
    ? `(order_id, kind, ${columns.join(', ')}) SELECT s.id, s.kind, ${values.join(', ')} FROM dispatch_board s WHERE s.id = ${subject}`
    : `(order_id, ${columns.join(', ')}) VALUES (${subject}, ${values.join(', ')})`;
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
