import type { Knex } from 'knex';

/** Deferred installation (缓装): until when, and what the order and its work orders were before the hold. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('product_orders', (t) => {
    t.timestamp('held_until', { useTz: true });
    t.text('held_from_state');
  });
  await knex.schema.alterTable('work_orders', (t) => {
    t.text('held_from_state');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_orders', (t) => t.dropColumn('held_from_state'));
  await knex.schema.alterTable('product_orders', (t) => {
    t.dropColumn('held_until');
    t.dropColumn('held_from_state');
  });
}
