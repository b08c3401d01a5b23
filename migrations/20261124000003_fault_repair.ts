import type { Knex } from 'knex';

/**
 * Fault repair (R1.2): trouble tickets (TMF621) from customers, inspections and network alarms
 * (TMF642), and the inventory's topology that lets reports on lines behind one failed element be
 * merged into one master ticket (R3.3).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('network_resources', (t) => {
    // The element a resource hangs under (a splitter port under its splitter): what fails together.
    t.uuid('parent_id').references('network_resources.id');
    t.index(['parent_id']);
  });

  await knex.schema.createTable('trouble_tickets', (t) => {
    t.uuid('id').primary();
    t.text('ticket_type').notNullable(); // TMF621 free text; "complaint" goes to the complaint desk
    t.text('description').notNullable();
    t.text('severity').notNullable(); // as sent (echoed unchanged); the priority is derived from it
    t.text('name');
    t.text('external_id');
    t.text('status').notNullable().defaultTo('acknowledged');
    t.text('status_change_reason');
    t.timestamp('status_change_date', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.integer('priority').notNullable(); // 1 (most urgent) … 4, from severity × customer tier
    t.text('channel').notNullable(); // customer | nms | inspection | merged (a master)
    t.text('role').notNullable(); // report | master
    t.text('customer_id').references('customers.id');
    t.uuid('affected_resource_id').references('network_resources.id');
    t.uuid('element_id').references('network_resources.id'); // a master's failed element
    t.text('area').references('areas.code');
    t.uuid('master_id').references('trouble_tickets.id');
    t.boolean('major_incident').notNullable().defaultTo(false);
    t.text('resolution');
    t.jsonb('body').notNullable(); // notes, related parties and entities as the requester sent them
    t.jsonb('survey'); // the callback's answer (回访)
    t.text('process_instance_key');
    t.uuid('created_by');
    t.timestamp('creation_date', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_update', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expected_resolution_date', { useTz: true });
    t.timestamp('resolution_date', { useTz: true });
    t.index(['status', 'creation_date']);
    t.index(['master_id']);
    t.index(['element_id', 'role', 'status']);
    t.index(['ticket_type']);
    t.index(['severity']);
  });

  await knex.schema.createTable('network_alarms', (t) => {
    t.uuid('id').primary();
    t.text('external_alarm_id').notNullable().unique(); // the NMS's own id: the same alarm twice is one alarm
    t.uuid('alarmed_object_id').notNullable().references('network_resources.id');
    t.text('perceived_severity').notNullable();
    t.text('probable_cause');
    t.text('state').notNullable(); // raised | updated | cleared
    t.uuid('ticket_id').references('trouble_tickets.id');
    t.jsonb('body').notNullable();
    t.timestamp('raised_at', { useTz: true }).notNullable();
    t.timestamp('cleared_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('network_alarms');
  await knex.schema.dropTableIfExists('trouble_tickets');
  await knex.schema.alterTable('network_resources', (t) => t.dropColumn('parent_id'));
}
