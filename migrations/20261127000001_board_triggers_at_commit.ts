import type { Knex } from 'knex';

/**
 * The board read model's triggers run at commit instead of at the statement. `order_board` has one
 * row per subject, and its upsert holds that row's lock until the transaction ends: the parallel
 * dispatches of an order's work orders, and every crew's accept and close, queued on it for the
 * rest of each other's transaction (51 ms per upsert on average in the bench's engine scenario,
 * each waiter holding a pooled connection). Deferred to commit, the lock lasts as long as the
 * commit itself. The functions, and so what the board shows, are unchanged.
 */
const triggers = [
  { name: 'trace_event_inserted', on: 'trace_events', events: 'INSERT' },
  { name: 'work_order_changed', on: 'work_orders', events: 'INSERT OR UPDATE OF state' },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of triggers) {
    await knex.raw(`DROP TRIGGER ${t.name} ON ${t.on}`);
    await knex.raw(`CREATE CONSTRAINT TRIGGER ${t.name} AFTER ${t.events} ON ${t.on}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${t.name}()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of triggers) {
    await knex.raw(`DROP TRIGGER ${t.name} ON ${t.on}`);
    await knex.raw(`CREATE TRIGGER ${t.name} AFTER ${t.events} ON ${t.on} FOR EACH ROW EXECUTE FUNCTION ${t.name}()`);
  }
}
