import type { Knex } from 'knex';

/** Amendments in flight (追单) and chases (催单): revisions of an order, and notices to the posts working it. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('product_orders', (t) => {
    t.integer('revision').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('order_revisions', (t) => {
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.integer('revision').notNullable();
    t.jsonb('delta').notNullable(); // { added, removed, changed } item ids
    t.text('amended_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('applied_at', { useTz: true });
    t.primary(['order_id', 'revision']);
  });
  await knex.schema.createTable('post_notifications', (t) => {
    t.bigIncrements('id');
    t.text('post_id').notNullable().references('posts.id');
    t.uuid('subject_id').notNullable();
    t.text('kind').notNullable(); // chase | …
    t.text('message').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('read_at', { useTz: true });
    t.index(['post_id', 'read_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('post_notifications');
  await knex.schema.dropTableIfExists('order_revisions');
  await knex.schema.alterTable('product_orders', (t) => t.dropColumn('revision'));
}
