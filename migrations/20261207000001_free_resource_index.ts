import type { Knex } from 'knex';

/**
 * A design takes the first free resource of a type in an area by name (src/inventory/reservations.ts).
 * PostgreSQL walked the unique (type, area, name) index and skipped every resource already in use
 * ahead of the first free one, and stock is used from the front: with 16,667 ports of an area in
 * use, 20 ms per resource taken, five per order. This index holds only the free rows, in the order
 * the design takes them: 0.07 ms.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX network_resources_free_by_name ON network_resources (type, area, name) WHERE state = 'available'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS network_resources_free_by_name');
}
