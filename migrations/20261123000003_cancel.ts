import type { Knex } from 'knex';

/** Cancellation (撤单, TMF622 cancelProductOrder) and the point of no return it is measured against. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('product_orders', (t) => {
    // Set when completion archiving starts; from then on a cancel is refused.
    t.timestamp('ponr_at', { useTz: true });
  });
  await knex.schema.createTable('cancel_product_orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.text('state').notNullable(); // acknowledged | inProgress | done | terminatedWithError
    t.text('cancellation_reason');
    t.text('requested_cancellation_date');
    t.text('effective_cancellation_date');
    t.text('error_message');
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['order_id']);
  });
  // One cancellation at a time per order.
  await knex.raw(`CREATE UNIQUE INDEX cancel_product_orders_open ON cancel_product_orders (order_id)
    WHERE state IN ('acknowledged', 'inProgress')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('cancel_product_orders');
  await knex.schema.alterTable('product_orders', (t) => t.dropColumn('ponr_at'));
}
