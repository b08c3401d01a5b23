import type { Knex } from 'knex';

/**
 * Suspend / resume from billing (R1.3): billing's commands as received, and per subscriber the
 * highest billing sequence already taken on — what lets a late, older command be recognised as
 * stale however the messages were reordered on the way.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('subscriber_commands', (t) => {
    t.uuid('id').primary();
    t.text('billing_event_id').notNullable().unique(); // billing's own id: the same event twice is one command
    t.text('request_hash').notNullable(); // the same id with another body is refused, not silently merged
    t.text('subscriber_id').notNullable();
    t.text('command').notNullable(); // suspend | resume
    t.text('reason').notNullable();
    t.bigInteger('sequence').notNullable(); // billing's issue order for the subscriber
    t.timestamp('issued_at', { useTz: true }).notNullable();
    t.jsonb('services').notNullable(); // [{ id, type }] as billing sent them
    t.text('callback_url').notNullable();
    t.text('state').notNullable().defaultTo('received'); // received | inProgress | completed | skipped
    t.text('state_reason');
    t.jsonb('network_receipts'); // what each network element answered
    t.text('process_instance_key');
    t.uuid('created_by');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.index(['subscriber_id', 'sequence']);
    t.index(['state']);
  });
  await knex.schema.createTable('subscribers', (t) => {
    t.text('id').primary();
    t.bigInteger('last_sequence').notNullable(); // the newest billing command taken on; older ones are stale
    t.uuid('last_command_id').notNullable();
    t.text('network_state').notNullable().defaultTo('active'); // active | suspended, as last applied on the network
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['subscribers', 'subscriber_commands']) await knex.schema.dropTableIfExists(table);
}
