import type { Knex } from 'knex';
import { firstFormOfKind, type MeasurementField } from '../src/forms/from-measurement-fields.js';

/**
 * Step forms (R4.4): form-js forms with immutable versions, each user-facing step linked to one
 * version. Work-order kinds lose their measurement fields: each kind's fields become version 1 of
 * its own form, linked to its step (`work-order:<kind>`). Work orders record the form version they
 * were closed with, and every return of a work order by a crew.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('forms', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('created_by').notNullable();
  });
  await knex.schema.createTable('form_versions', (t) => {
    t.text('form_id').notNullable().references('forms.id');
    t.integer('version').notNullable();
    t.jsonb('schema').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('created_by').notNullable();
    t.primary(['form_id', 'version']);
  });
  // A published version is what closed work orders were checked against: it never changes.
  await knex.raw(`
    CREATE FUNCTION form_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'form version %/% is published and cannot change; publish a new version', OLD.form_id, OLD.version;
    END $$;
    CREATE TRIGGER form_versions_immutable BEFORE UPDATE ON form_versions FOR EACH ROW EXECUTE FUNCTION form_versions_immutable();
  `);
  await knex.schema.createTable('step_forms', (t) => {
    t.text('step').primary();
    t.text('form_id').notNullable();
    t.integer('version').notNullable();
    t.timestamp('linked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('linked_by').notNullable();
    t.foreign(['form_id', 'version']).references(['form_id', 'version']).inTable('form_versions');
  });
  await knex.schema.alterTable('work_orders', (t) => {
    t.text('form_id');
    t.integer('form_version');
    t.foreign(['form_id', 'form_version']).references(['form_id', 'version']).inTable('form_versions');
  });
  await knex.schema.createTable('work_order_returns', (t) => {
    t.bigIncrements('id');
    t.uuid('work_order_id').notNullable().references('work_orders.id').onDelete('CASCADE');
    t.text('crew_id');
    t.text('reason').notNullable();
    t.text('actor').notNullable();
    t.text('reassigned_to');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['work_order_id']);
  });

  const kinds: { kind: string; name: string; measurement_fields: MeasurementField[] }[] = await knex('work_order_kinds').select('kind', 'name', 'measurement_fields');
  for (const f of kinds.map(firstFormOfKind)) {
    await knex('forms').insert({ id: f.id, name: f.name, created_by: 'migration' });
    await knex('form_versions').insert({ form_id: f.id, version: 1, schema: JSON.stringify(f.schema), created_by: 'migration' });
    await knex('step_forms').insert({ step: f.step, form_id: f.id, version: 1, linked_by: 'migration' });
  }
  await knex.schema.alterTable('work_order_kinds', (t) => t.dropColumn('measurement_fields'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('work_order_kinds', (t) => t.jsonb('measurement_fields').notNullable().defaultTo('[]'));
  await knex.schema.dropTable('work_order_returns');
  await knex.schema.alterTable('work_orders', (t) => {
    t.dropForeign(['form_id', 'form_version']);
    t.dropColumn('form_id');
    t.dropColumn('form_version');
  });
  await knex.schema.dropTable('step_forms');
  await knex.schema.dropTable('form_versions');
  await knex.raw('DROP FUNCTION form_versions_immutable()');
  await knex.schema.dropTable('forms');
}
