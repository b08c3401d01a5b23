import type { Knex } from 'knex';

/**
 * Construction (基础建设, R1.4): requests from network planning, maintenance, optimization or the
 * upper-level dispatch; the sites their design builds, each with the network resources it adds;
 * and the materials store the design reserves from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('construction_orders', (t) => {
    t.uuid('id').primary();
    t.text('external_id'); // the requester's own reference
    t.text('source').notNullable(); // network-planning | maintenance | optimization | upper-dispatch
    t.text('title').notNullable();
    t.text('description');
    t.text('area').notNullable().references('areas.code');
    t.integer('priority').notNullable().defaultTo(4); // 0 highest .. 4 lowest, as product orders
    t.jsonb('requested_capacity').notNullable().defaultTo('[]'); // [{ type, quantity }]: what the requester needs
    t.text('callback_url'); // where the requester hears the outcome
    t.text('state').notNullable(); // acknowledged | inProgress | completed | rejected
    t.text('state_reason');
    t.text('process_instance_key').unique();
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.index(['state', 'created_at']);
  });
  await knex.schema.createTable('construction_sites', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('construction_order_id').notNullable().references('construction_orders.id').onDelete('CASCADE');
    t.text('code').notNullable();
    t.text('area').notNullable().references('areas.code');
    t.jsonb('resources').notNullable(); // [{ type, name }]: what the site adds to the inventory once accepted
    t.text('state').notNullable().defaultTo('planned'); // planned | archived
    t.timestamp('archived_at', { useTz: true });
    t.unique(['construction_order_id', 'code']);
  });
  await knex.schema.createTable('materials', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('unit').notNullable();
    t.integer('on_hand').notNullable().defaultTo(0);
    t.integer('reserved').notNullable().defaultTo(0);
  });
  await knex.raw('ALTER TABLE materials ADD CONSTRAINT materials_stock CHECK (reserved >= 0 AND reserved <= on_hand)');
  await knex.schema.createTable('material_reservations', (t) => {
    t.uuid('construction_order_id').notNullable().references('construction_orders.id').onDelete('CASCADE');
    t.text('material_id').notNullable().references('materials.id');
    t.integer('quantity').notNullable();
    t.text('state').notNullable().defaultTo('reserved'); // reserved | consumed
    t.primary(['construction_order_id', 'material_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['material_reservations', 'materials', 'construction_sites', 'construction_orders']) {
    await knex.schema.dropTableIfExists(table);
  }
}
