import type { Knex } from 'knex';

/**
 * The spine's business records. Zeebe holds process state; these tables hold the business
 * truth, the trace and the outbox. Unique constraints are what make workers idempotent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pgcrypto');

  // --- reference data: customers, addresses, catalog, inventory, crews -------------------
  await knex.schema.createTable('customers', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('tier').notNullable().defaultTo('ordinary'); // diamond | gold | silver | ordinary
    t.boolean('vip').notNullable().defaultTo(false);
    t.boolean('blacklisted').notNullable().defaultTo(false);
    t.text('blacklist_reason');
    t.bigInteger('arrears_cents').notNullable().defaultTo(0);
    t.bigInteger('credit_limit_cents').notNullable().defaultTo(0);
  });
  await knex.schema.createTable('areas', (t) => {
    t.text('code').primary();
    t.text('name').notNullable();
  });
  await knex.schema.createTable('addresses', (t) => {
    t.text('id').primary();
    t.text('area').notNullable().references('areas.code');
    t.text('text').notNullable();
  });
  await knex.schema.createTable('product_offerings', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('description');
    t.boolean('is_bundle').notNullable().defaultTo(false);
    t.boolean('is_sellable').notNullable().defaultTo(true);
    t.text('lifecycle_status').notNullable().defaultTo('Active');
    t.text('version').notNullable().defaultTo('1.0');
    t.timestamp('last_update', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('offering_bundle_items', (t) => {
    t.text('bundle_id').notNullable().references('product_offerings.id');
    t.text('child_id').notNullable().references('product_offerings.id');
    t.primary(['bundle_id', 'child_id']);
  });
  await knex.schema.createTable('service_specs', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('description');
  });
  await knex.schema.createTable('offering_services', (t) => {
    t.text('offering_id').notNullable().references('product_offerings.id');
    t.text('service_spec_id').notNullable().references('service_specs.id');
    t.text('role').notNullable(); // main | addon
    t.primary(['offering_id', 'service_spec_id']);
  });
  await knex.schema.createTable('work_order_kinds', (t) => {
    t.text('kind').primary();
    t.text('name').notNullable();
    t.text('skill').notNullable();
    // [{ name, type: 'number'|'string'|'boolean', required, min?, max?, unit? }]
    t.jsonb('measurement_fields').notNullable().defaultTo('[]');
  });
  await knex.schema.createTable('resource_specs', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.specificType('network_resource_types', 'text[]').notNullable();
    t.specificType('work_order_kinds', 'text[]').notNullable();
  });
  await knex.schema.createTable('service_resource_specs', (t) => {
    t.text('service_spec_id').notNullable().references('service_specs.id');
    t.text('resource_spec_id').notNullable().references('resource_specs.id');
    t.primary(['service_spec_id', 'resource_spec_id']);
  });
  await knex.schema.createTable('network_resources', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('type').notNullable(); // pon_port | splitter_port | line_segment | ip_address | vlan | phone_number
    t.text('area').notNullable().references('areas.code');
    t.text('name').notNullable();
    t.text('state').notNullable().defaultTo('available'); // available | reserved | assigned
    t.uuid('business_resource_id');
    t.uuid('order_id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['type', 'area', 'name']);
    t.index(['type', 'area', 'state']);
    t.index(['business_resource_id']);
  });
  await knex.schema.createTable('crews', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('area').notNullable().references('areas.code');
    t.specificType('skills', 'text[]').notNullable();
  });

  // --- orders and their decomposition ---------------------------------------------------
  await knex.schema.createTable('product_orders', (t) => {
    t.uuid('id').primary();
    t.text('state').notNullable();
    t.text('state_reason');
    t.text('customer_id').notNullable();
    t.text('address_id');
    t.text('area');
    t.integer('priority').notNullable().defaultTo(4); // TMF622: 0 highest .. 4 lowest
    t.text('category');
    t.text('description');
    t.text('external_id');
    t.text('order_date').notNullable(); // echoed unchanged: conformance filters compare strings
    t.text('completion_date');
    t.jsonb('body').notNullable(); // the accepted request, for fields the service does not interpret
    t.text('process_instance_key').unique();
    t.uuid('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['state']);
    t.index(['customer_id']);
    t.index(['created_at']);
  });
  await knex.schema.createTable('product_order_items', (t) => {
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.text('item_id').notNullable();
    t.text('offering_id').notNullable().references('product_offerings.id');
    t.text('action').notNullable();
    t.integer('quantity').notNullable().defaultTo(1);
    t.text('state').notNullable().defaultTo('acknowledged');
    t.primary(['order_id', 'item_id']);
  });
  await knex.schema.createTable('order_services', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.text('item_id').notNullable();
    t.text('service_spec_id').notNullable().references('service_specs.id');
    t.text('role').notNullable();
    t.uuid('main_service_id');
    t.text('state').notNullable().defaultTo('designed');
    t.unique(['order_id', 'item_id', 'service_spec_id']);
  });
  await knex.schema.createTable('business_resources', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.uuid('service_id').notNullable().references('order_services.id').onDelete('CASCADE');
    t.text('resource_spec_id').notNullable().references('resource_specs.id');
    t.text('state').notNullable().defaultTo('planned'); // planned | designed | completed | released
    t.unique(['service_id', 'resource_spec_id']);
    t.index(['order_id']);
  });
  await knex.schema.createTable('work_orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('product_orders.id').onDelete('CASCADE');
    t.uuid('business_resource_id').notNullable().references('business_resources.id').onDelete('CASCADE');
    t.text('kind').notNullable().references('work_order_kinds.kind');
    t.text('state').notNullable().defaultTo('acknowledged'); // acknowledged | inProgress | completed | cancelled
    t.text('crew_id').references('crews.id');
    t.text('area');
    t.text('skill').notNullable();
    t.jsonb('measurements');
    t.text('result');
    t.text('note');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('closed_at', { useTz: true });
    t.uuid('closed_by');
    t.unique(['business_resource_id', 'kind']);
    t.index(['crew_id', 'state']);
    t.index(['order_id']);
  });

  // --- completion archive ---------------------------------------------------------------
  await knex.schema.createTable('billing_records', (t) => {
    t.uuid('order_id').notNullable().references('product_orders.id');
    t.text('item_id').notNullable();
    t.text('customer_id').notNullable();
    t.text('offering_id').notNullable();
    t.timestamp('billing_start', { useTz: true }).notNullable();
    t.primary(['order_id', 'item_id']);
  });
  await knex.schema.createTable('resource_assignment_records', (t) => {
    t.uuid('order_id').notNullable().references('product_orders.id');
    t.uuid('business_resource_id').notNullable();
    t.uuid('network_resource_id').notNullable();
    t.text('network_resource_type').notNullable();
    t.text('network_resource_name').notNullable();
    t.timestamp('assigned_at', { useTz: true }).notNullable();
    t.primary(['order_id', 'network_resource_id']);
  });
  await knex.schema.createTable('sla_records', (t) => {
    t.uuid('order_id').primary().references('product_orders.id');
    t.timestamp('accepted_at', { useTz: true }).notNullable();
    t.timestamp('completed_at', { useTz: true }).notNullable();
    t.integer('duration_seconds').notNullable();
    t.integer('step_count').notNullable();
  });

  // --- trace, idempotent step results, outbox --------------------------------------------
  await knex.schema.createTable('trace_events', (t) => {
    t.bigIncrements('id');
    t.uuid('order_id').notNullable();
    t.text('kind').notNullable(); // step | state | action
    t.text('step');
    t.text('scope_key');
    t.text('actor').notNullable();
    t.text('outcome');
    t.timestamp('entered_at', { useTz: true });
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('details');
    t.index(['order_id', 'id']);
  });
  await knex.schema.createTable('step_results', (t) => {
    t.text('key').primary(); // job type + business key: a redelivered job finds its first result here
    t.uuid('order_id');
    t.jsonb('output').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id');
    t.text('ordering_key').notNullable(); // rows with one key are delivered strictly in id order
    t.text('kind').notNullable(); // http | zeebe-message
    t.text('destination').notNullable();
    t.jsonb('payload').notNullable();
    t.uuid('order_id');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true });
    t.text('last_error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX outbox_pending ON outbox (ordering_key, id) WHERE delivered_at IS NULL');

  // --- API clients ----------------------------------------------------------------------
  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('key_hash').notNullable().unique();
    t.specificType('roles', 'text[]').notNullable();
    t.text('crew_id').references('crews.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('revoked_at', { useTz: true });
  });
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('api_key_id').notNullable();
    t.text('key').notNullable();
    t.text('request_hash').notNullable();
    t.text('resource_id').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['api_key_id', 'key']);
  });
  await knex.schema.createTable('hubs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('api').notNullable(); // productOrder | troubleTicket | ...
    t.text('callback').notNullable();
    t.text('query');
    t.uuid('api_key_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'hubs', 'idempotency_keys', 'api_keys', 'outbox', 'step_results', 'trace_events', 'sla_records',
    'resource_assignment_records', 'billing_records', 'work_orders', 'business_resources', 'order_services',
    'product_order_items', 'product_orders', 'crews', 'network_resources', 'service_resource_specs',
    'resource_specs', 'work_order_kinds', 'offering_services', 'service_specs', 'offering_bundle_items',
    'product_offerings', 'addresses', 'areas', 'customers',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
