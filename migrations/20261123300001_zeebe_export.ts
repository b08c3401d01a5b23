import type { Knex } from 'knex';

/**
 * Zeebe's runtime state as exported by exporters/postgres-exporter: the query side a broker
 * without Operate lacks (incident keys, where each instance is, whether it still runs). The
 * exporter only writes rows; it never creates tables.
 *
 * Keys are Zeebe keys (bigint; node-pg returns them as strings, which is also what the Zeebe
 * client takes). `last_position` is the log position of the record that last changed the row:
 * records re-exported after a broker restart are older and leave the row alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('zeebe_process_instances', (t) => {
    t.bigInteger('key').primary();
    t.text('bpmn_process_id').notNullable();
    t.integer('version').notNullable();
    t.bigInteger('process_definition_key').notNullable();
    // Set for instances started by a call activity.
    t.bigInteger('parent_process_instance_key');
    t.bigInteger('parent_element_instance_key');
    t.text('state').notNullable(); // active | completed | terminated
    t.timestamp('start_time', { useTz: true });
    t.timestamp('end_time', { useTz: true });
    t.bigInteger('last_position').notNullable();
    t.index(['state', 'bpmn_process_id']);
    t.index(['parent_process_instance_key']);
  });

  // Every element below the process itself (tasks, events, gateways, sub-processes, multi-instance bodies).
  await knex.schema.createTable('zeebe_element_instances', (t) => {
    t.bigInteger('key').primary();
    t.bigInteger('process_instance_key').notNullable();
    t.text('element_id').notNullable();
    t.text('element_type').notNullable(); // Zeebe's BpmnElementType: SERVICE_TASK, INTERMEDIATE_CATCH_EVENT, …
    t.bigInteger('flow_scope_key');
    t.text('state').notNullable(); // active | completed | terminated
    t.timestamp('start_time', { useTz: true });
    t.timestamp('end_time', { useTz: true });
    t.bigInteger('last_position').notNullable();
    t.index(['process_instance_key', 'state']);
  });

  await knex.schema.createTable('zeebe_incidents', (t) => {
    t.bigInteger('key').primary();
    t.text('bpmn_process_id');
    t.bigInteger('process_instance_key');
    t.bigInteger('element_instance_key');
    t.text('element_id');
    // Set for incidents of a job out of retries: its retries must be raised before resolving.
    t.bigInteger('job_key');
    t.text('error_type').notNullable(); // Zeebe's ErrorType: JOB_NO_RETRIES, IO_MAPPING_ERROR, …
    t.text('error_message');
    t.text('state').notNullable(); // created | resolved
    t.timestamp('created_time', { useTz: true });
    t.timestamp('resolved_time', { useTz: true });
    t.bigInteger('last_position').notNullable();
    t.index(['state', 'created_time']);
    t.index(['process_instance_key']);
  });

  await knex.schema.createTable('zeebe_jobs', (t) => {
    t.bigInteger('key').primary();
    t.text('type').notNullable();
    t.bigInteger('process_instance_key');
    t.bigInteger('element_instance_key');
    t.text('element_id');
    t.integer('retries').notNullable();
    // The last lifecycle event: created | failed | timed_out | retries_updated | completed | error_thrown | canceled
    t.text('state').notNullable();
    t.text('error_message');
    t.timestamp('updated_time', { useTz: true }).notNullable();
    t.bigInteger('last_position').notNullable();
    t.index(['element_instance_key']);
    t.index(['process_instance_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['zeebe_jobs', 'zeebe_incidents', 'zeebe_element_instances', 'zeebe_process_instances']) {
    await knex.schema.dropTableIfExists(table);
  }
}
