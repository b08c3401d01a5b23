import type { Knex } from 'knex';

/** Pending installation (转待装) and merged duplicates (R3.3, R3.6). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pending_installations', (t) => {
    t.uuid('order_id').primary().references('product_orders.id').onDelete('CASCADE');
    t.text('area').notNullable();
    t.jsonb('needs').notNullable(); // { resource type: how many }
    t.integer('priority').notNullable();
    t.timestamp('order_created_at', { useTz: true }).notNullable();
    t.timestamp('since', { useTz: true }).notNullable();
    t.text('reason').notNullable();
    t.integer('offers').notNullable().defaultTo(0); // how many times capacity was offered to it
    t.timestamp('offered_at', { useTz: true });
  });
  // Who gets capacity first: highest priority (0), then the oldest order.
  await knex.raw('CREATE INDEX pending_installations_queue ON pending_installations (area, priority, order_created_at)');
  await knex.schema.alterTable('product_orders', (t) => {
    t.uuid('merged_into').references('product_orders.id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('product_orders', (t) => t.dropColumn('merged_into'));
  await knex.schema.dropTableIfExists('pending_installations');
}
