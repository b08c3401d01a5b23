import type { Knex } from 'knex';

/** What dispatchers did about exceptions (R3.2): the audit trail beside the order's own trace. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exception_actions', (t) => {
    t.bigIncrements('id');
    t.text('incident_key').notNullable();
    t.text('process_instance_key');
    t.uuid('subject_id');
    t.text('action').notNullable(); // retry | skip | abort
    t.text('reason');
    t.text('actor').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['incident_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('exception_actions');
}
