import type { Knex } from 'knex';

/**
 * Time limits (R3.5, R4.5, R5.3): policies an administrator edits, the running deadlines the
 * dispatchers watch, and the alarms raised when a deadline's pre-alarm or limit passes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('posts', (t) => {
    t.text('id').primary();
    t.text('name').notNullable();
    t.text('supervisor_post_id').references('posts.id');
  });
  await knex.schema.createTable('sla_policies', (t) => {
    t.increments('id');
    t.text('flow').notNullable();
    t.text('step').notNullable(); // a step name, or '*' for the flow's default
    t.text('customer_tier'); // null: any tier
    t.boolean('vip'); // null: VIP or not
    t.integer('priority'); // null: any priority
    t.integer('limit_seconds').notNullable();
    t.integer('pre_alarm_seconds').notNullable(); // how long before the limit the pre-alarm comes
    t.integer('escalate_after_seconds'); // unacknowledged alarm → supervisor after this long; null: never
    t.text('post_id').notNullable().references('posts.id');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`CREATE UNIQUE INDEX sla_policies_match ON sla_policies
    (flow, step, coalesce(customer_tier, ''), coalesce(vip::text, ''), coalesce(priority, -1))`);
  await knex.raw(`ALTER TABLE sla_policies ADD CONSTRAINT sla_policies_sane
    CHECK (limit_seconds > 0 AND pre_alarm_seconds >= 0 AND pre_alarm_seconds < limit_seconds)`);

  await knex.schema.createTable('deadlines', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('flow').notNullable();
    t.uuid('subject_id').notNullable(); // the order (ticket, command …) the step belongs to
    t.text('step').notNullable();
    t.text('scope_key').notNullable().defaultTo(''); // e.g. the work order, when a step runs many times
    t.text('post_id').notNullable().references('posts.id');
    t.integer('policy_id').references('sla_policies.id').onDelete('SET NULL');
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.timestamp('warn_at', { useTz: true }).notNullable();
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.integer('escalate_after_seconds');
    t.text('state').notNullable().defaultTo('running'); // running | paused | done
    t.timestamp('paused_at', { useTz: true });
    t.timestamp('resume_by', { useTz: true });
    t.timestamp('ended_at', { useTz: true });
    t.text('level').notNullable().defaultTo('none'); // none | pre-alarm | alarm | escalated
    t.unique(['subject_id', 'step', 'scope_key']);
  });
  await knex.raw(`CREATE INDEX deadlines_running ON deadlines (due_at) WHERE state <> 'done'`);

  await knex.schema.createTable('alarms', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('deadline_id').notNullable().references('deadlines.id').onDelete('CASCADE');
    t.text('flow').notNullable();
    t.uuid('subject_id').notNullable();
    t.text('step').notNullable();
    t.text('scope_key').notNullable();
    t.text('post_id').notNullable().references('posts.id');
    t.text('level').notNullable(); // pre-alarm | alarm
    t.text('state').notNullable().defaultTo('raised'); // raised | acknowledged | cleared
    t.timestamp('raised_at', { useTz: true }).notNullable();
    t.timestamp('acknowledged_at', { useTz: true });
    t.text('acknowledged_by');
    t.timestamp('cleared_at', { useTz: true });
    t.text('escalated_to').references('posts.id');
    t.timestamp('escalated_at', { useTz: true });
    t.unique(['deadline_id', 'level']);
    t.index(['state', 'raised_at']);
    t.index(['subject_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['alarms', 'deadlines', 'sla_policies', 'posts']) await knex.schema.dropTableIfExists(table);
}
