import type { Knex } from 'knex';

/**
 * Work orders serve every flow (R1): a product order's installation, a trouble ticket's repair, a
 * construction order's site work. `subject_type`/`subject_id` name what the work is for and
 * `scope_key` which part of it (a business resource, a site, the ticket itself); `order_id`
 * stays for product orders, which the board, amendments and cancellations read.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_orders', (t) => {
    t.text('subject_type');
    t.uuid('subject_id');
    t.text('scope_key');
    t.boolean('emergency').notNullable().defaultTo(false); // 应急调度: a major incident's repair
    t.text('brief'); // what the crew is asked to do, in words
  });
  await knex.raw(`UPDATE work_orders SET subject_type = 'productOrder', subject_id = order_id, scope_key = business_resource_id::text`);
  await knex.schema.alterTable('work_orders', (t) => {
    t.text('subject_type').notNullable().alter();
    t.uuid('subject_id').notNullable().alter();
    t.text('scope_key').notNullable().alter();
    t.uuid('order_id').nullable().alter();
    t.uuid('business_resource_id').nullable().alter();
    t.unique(['subject_id', 'scope_key', 'kind']);
    t.index(['subject_type', 'subject_id']);
  });
  await knex.raw(`
    CREATE OR REPLACE FUNCTION work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was_open int := CASE WHEN TG_OP = 'UPDATE' AND OLD.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
      is_open int := CASE WHEN NEW.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
    BEGIN
      -- A delta, not a recount: work orders of one order are dispatched in parallel transactions
      -- that cannot see each other's rows, while the upsert's row lock serialises the deltas.
      IF NEW.order_id IS NOT NULL AND is_open <> was_open THEN
        INSERT INTO order_board (order_id, open_work_orders) VALUES (NEW.order_id, is_open - was_open)
        ON CONFLICT (order_id) DO UPDATE SET open_work_orders = order_board.open_work_orders + EXCLUDED.open_work_orders, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('work_orders').whereNot({ subject_type: 'productOrder' }).delete();
  await knex.raw(`
    CREATE OR REPLACE FUNCTION work_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      was_open int := CASE WHEN TG_OP = 'UPDATE' AND OLD.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
      is_open int := CASE WHEN NEW.state IN ('acknowledged', 'inProgress') THEN 1 ELSE 0 END;
    BEGIN
      IF is_open <> was_open THEN
        INSERT INTO order_board (order_id, open_work_orders) VALUES (NEW.order_id, is_open - was_open)
        ON CONFLICT (order_id) DO UPDATE SET open_work_orders = order_board.open_work_orders + EXCLUDED.open_work_orders, updated_at = now();
      END IF;
      RETURN NEW;
    END $$`);
  await knex.schema.alterTable('work_orders', (t) => {
    t.dropUnique(['subject_id', 'scope_key', 'kind']);
    t.dropIndex(['subject_type', 'subject_id']);
    t.uuid('order_id').notNullable().alter();
    t.uuid('business_resource_id').notNullable().alter();
    t.dropColumns('subject_type', 'subject_id', 'scope_key', 'emergency', 'brief');
  });
}
