import type { Knex } from 'knex';

/**
 * What the browser app needs: people who log in with a password (and their short-lived
 * sessions), the record of every BPMN deployment with its XML, the dispatcher board's read
 * model, and a notification on every trace entry so screens update live.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('username').notNullable().unique();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable(); // scrypt$N$r$p$salt$hash
    t.specificType('roles', 'text[]').notNullable();
    t.text('crew_id').references('crews.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('disabled_at', { useTz: true });
  });
  await knex.schema.createTable('user_sessions', (t) => {
    t.text('token_hash').primary();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id']);
  });

  // Zeebe keeps no queryable history of deployments without an exporter; this is ours.
  await knex.schema.createTable('process_deployments', (t) => {
    t.text('process_id').notNullable();
    t.integer('version').notNullable();
    t.text('definition_key').notNullable(); // 64-bit Zeebe key, kept as text
    t.text('name');
    t.text('resource_name').notNullable();
    t.text('xml').notNullable();
    t.text('source').notNullable(); // startup | designer
    t.text('deployed_by').notNullable();
    t.timestamp('deployed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['process_id', 'version']);
  });

  // Board read model: one row per order, kept by triggers so the board never scans the trace.
  await knex.schema.createTable('order_board', (t) => {
    t.uuid('order_id').primary().references('product_orders.id').onDelete('CASCADE');
    t.text('last_step');
    t.timestamp('last_step_at', { useTz: true });
    t.integer('open_work_orders').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  // What the order waits on: its crews while work orders are open, else the step after its last one.
  await knex.raw(`ALTER TABLE order_board ADD COLUMN current_step text
    GENERATED ALWAYS AS (CASE WHEN open_work_orders > 0 THEN 'work-order' ELSE last_step END) STORED`);
  await knex.raw('CREATE INDEX order_board_current_step ON order_board (current_step)');
  await knex.raw('CREATE INDEX product_orders_area_created ON product_orders (area, created_at)');
  await knex.raw('CREATE INDEX product_orders_state_created ON product_orders (state, created_at)');
  await knex.raw('CREATE INDEX product_orders_external_id ON product_orders (external_id text_pattern_ops)');
  await knex.raw('CREATE INDEX product_orders_customer_prefix ON product_orders (customer_id text_pattern_ops)');

  await knex.raw(`
    CREATE FUNCTION trace_event_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'step' THEN
        INSERT INTO order_board (order_id, last_step, last_step_at)
        SELECT NEW.order_id, NEW.step, NEW.at WHERE EXISTS (SELECT 1 FROM product_orders WHERE id = NEW.order_id)
        ON CONFLICT (order_id) DO UPDATE SET last_step = EXCLUDED.last_step, last_step_at = EXCLUDED.last_step_at, updated_at = now();
      END IF;
      PERFORM pg_notify('trace_events', json_build_object(
        'id', NEW.id, 'orderId', NEW.order_id, 'kind', NEW.kind, 'step', NEW.step, 'outcome', NEW.outcome, 'at', NEW.at)::text);
      RETURN NEW;
    END $$`);
  await knex.raw(`CREATE TRIGGER trace_event_inserted AFTER INSERT ON trace_events
    FOR EACH ROW EXECUTE FUNCTION trace_event_inserted()`);

  await knex.raw(`
    CREATE FUNCTION work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was_open int := CASE WHEN TG_OP = 'UPDATE' AND OLD.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
      is_open int := CASE WHEN NEW.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
    BEGIN
      -- A delta, not a recount: work orders of one order are dispatched in parallel transactions
      -- that cannot see each other's rows, while the upsert's row lock serialises the deltas.
      IF is_open <> was_open THEN
        INSERT INTO order_board (order_id, open_work_orders) VALUES (NEW.order_id, is_open - was_open)
        ON CONFLICT (order_id) DO UPDATE SET open_work_orders = order_board.open_work_orders + EXCLUDED.open_work_orders, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
  await knex.raw(`CREATE TRIGGER work_order_changed AFTER INSERT OR UPDATE OF state ON work_orders
    FOR EACH ROW EXECUTE FUNCTION work_order_changed()`);

  await knex.raw(`
    INSERT INTO order_board (order_id, last_step, last_step_at, open_work_orders)
    SELECT o.id, t.step, t.at,
      (SELECT count(*) FROM work_orders w WHERE w.order_id = o.id AND w.state IN ('acknowledged', 'inProgress'))
    FROM product_orders o
    LEFT JOIN LATERAL (SELECT step, at FROM trace_events e WHERE e.order_id = o.id AND e.kind = 'step' ORDER BY e.id DESC LIMIT 1) t ON true`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER IF EXISTS work_order_changed ON work_orders');
  await knex.raw('DROP FUNCTION IF EXISTS work_order_changed()');
  await knex.raw('DROP TRIGGER IF EXISTS trace_event_inserted ON trace_events');
  await knex.raw('DROP FUNCTION IF EXISTS trace_event_inserted()');
  for (const index of ['product_orders_area_created', 'product_orders_state_created', 'product_orders_external_id', 'product_orders_customer_prefix']) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
  for (const table of ['order_board', 'process_deployments', 'user_sessions', 'users']) await knex.schema.dropTableIfExists(table);
}
