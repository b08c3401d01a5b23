import type { Knex } from 'knex';

/**
 * One board for every flow (R3.4): product orders, trouble tickets, billing's suspend/resume
 * commands and construction orders side by side. The read model `order_board` (last step, open
 * work orders) now keeps a row per subject of any kind — the trace and work orders already name
 * their subject by id — and the view `dispatch_board` gives the four kinds one row shape.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE order_board DROP CONSTRAINT IF EXISTS order_board_order_id_foreign');

  await defineBoardTriggers(knex, 'every subject');

  // Subjects other than product orders that already ran steps get their board row now.
  await knex.raw(`
    INSERT INTO order_board (order_id, last_step, last_step_at, open_work_orders)
    SELECT s.id, t.step, t.at,
      (SELECT count(*) FROM work_orders w WHERE w.subject_id = s.id AND w.state IN ('acknowledged', 'inProgress'))
    FROM (SELECT id FROM trouble_tickets UNION ALL SELECT id FROM subscriber_commands UNION ALL SELECT id FROM construction_orders) s
    LEFT JOIN LATERAL (SELECT step, at FROM trace_events e WHERE e.order_id = s.id AND e.kind = 'step' ORDER BY e.id DESC LIMIT 1) t ON true
    ON CONFLICT (order_id) DO NOTHING`);

  // The board sorts every kind by creation; each branch of the view needs its own index for that.
  await knex.raw('CREATE INDEX IF NOT EXISTS trouble_tickets_creation_date ON trouble_tickets (creation_date)');
  await knex.raw('CREATE INDEX IF NOT EXISTS subscriber_commands_received_at ON subscriber_commands (received_at)');
  await knex.raw('CREATE INDEX IF NOT EXISTS construction_orders_created_at ON construction_orders (created_at)');

  await knex.raw(`
    CREATE VIEW dispatch_board AS
    SELECT 'productOrder'::text AS kind, o.id, o.external_id AS reference, o.customer_id AS party, NULL::text AS title,
      o.state, o.state_reason, o.state NOT IN ('completed', 'rejected', 'failed', 'cancelled') AS open,
      o.area, o.priority, o.created_at, o.process_instance_key
    FROM product_orders o
    UNION ALL
    SELECT 'troubleTicket', t.id, t.external_id, t.customer_id, coalesce(t.name, t.description),
      t.status, t.status_change_reason, t.status NOT IN ('closed', 'cancelled', 'rejected'),
      t.area, t.priority, t.creation_date, t.process_instance_key
    FROM trouble_tickets t
    UNION ALL
    SELECT 'suspension', c.id, c.billing_event_id, c.subscriber_id, c.command || ': ' || c.reason,
      c.state, c.state_reason, c.state NOT IN ('completed', 'skipped'),
      NULL, NULL, c.received_at, c.process_instance_key
    FROM subscriber_commands c
    UNION ALL
    SELECT 'constructionOrder', k.id, k.external_id, k.source, k.title,
      k.state, k.state_reason, k.state NOT IN ('completed', 'rejected', 'cancelled'),
      k.area, k.priority, k.created_at, k.process_instance_key
    FROM construction_orders k`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP VIEW IF EXISTS dispatch_board');
  for (const index of ['trouble_tickets_creation_date', 'subscriber_commands_received_at', 'construction_orders_created_at']) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
  await knex.raw('DELETE FROM order_board b WHERE NOT EXISTS (SELECT 1 FROM product_orders o WHERE o.id = b.order_id)');
  await defineBoardTriggers(knex, 'product orders');
  await knex.raw(`ALTER TABLE order_board ADD CONSTRAINT order_board_order_id_foreign
    FOREIGN KEY (order_id) REFERENCES product_orders(id) ON DELETE CASCADE`);
}

/**
 * The board read model's trigger functions: this migration keeps a row for every subject; the one
 * before it (what `down` restores) only for product orders.
 */
async function defineBoardTriggers(knex: Knex, rowsFor: 'every subject' | 'product orders'): Promise<void> {
  const everySubject = rowsFor === 'every subject';
  const traceRow = everySubject
    ? 'VALUES (NEW.order_id, NEW.step, NEW.at)'
    : 'SELECT NEW.order_id, NEW.step, NEW.at WHERE EXISTS (SELECT 1 FROM product_orders WHERE id = NEW.order_id)';
  const subject = everySubject ? 'NEW.subject_id' : 'NEW.order_id';
  await knex.raw(`
    CREATE OR REPLACE FUNCTION trace_event_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.kind = 'step' THEN
        INSERT INTO order_board (order_id, last_step, last_step_at) ${traceRow}
        ON CONFLICT (order_id) DO UPDATE SET last_step = EXCLUDED.last_step, last_step_at = EXCLUDED.last_step_at, updated_at = now();
      END IF;
      PERFORM pg_notify('trace_events', json_build_object(
        'id', NEW.id, 'orderId', NEW.order_id, 'kind', NEW.kind, 'step', NEW.step, 'outcome', NEW.outcome, 'at', NEW.at)::text);
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
      IF ${subject} IS NOT NULL AND is_open <> was_open THEN
        INSERT INTO order_board (order_id, open_work_orders) VALUES (${subject}, is_open - was_open)
        ON CONFLICT (order_id) DO UPDATE SET open_work_orders = order_board.open_work_orders + EXCLUDED.open_work_orders, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
}
