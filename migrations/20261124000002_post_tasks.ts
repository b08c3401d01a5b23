import type { Knex } from 'knex';

/**
 * Tasks for a post (岗位): the BPMN user tasks — approvals, complaint handling, callback surveys —
 * with the post from the task's candidate group. The broker keeps the task as a job nobody
 * completes until the post does, through the API (R4.3: only that post may act on it).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('post_tasks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.bigInteger('element_instance_key').notNullable().unique(); // one task per activation of the user task
    t.bigInteger('job_key').notNullable(); // the job to complete; a re-activated job gets a new key
    t.bigInteger('process_instance_key').notNullable();
    t.text('bpmn_process_id').notNullable();
    t.text('element_id').notNullable();
    t.text('name').notNullable();
    t.text('post').notNullable(); // candidate group
    t.text('form_key').notNullable(); // what the post fills in: decides the data the completion must carry
    t.uuid('subject_id'); // the ticket, construction order or product order the task is about
    t.jsonb('context').notNullable(); // the variables the post needs to decide
    t.text('state').notNullable().defaultTo('open'); // open | completed | cancelled
    t.jsonb('result');
    t.uuid('completed_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('completed_at', { useTz: true });
    t.index(['post', 'state', 'created_at']);
    t.index(['subject_id']);
  });
  // Who holds which posts: a person or a client system may act on the tasks of its posts.
  for (const table of ['api_keys', 'users']) {
    await knex.schema.alterTable(table, (t) => {
      t.specificType('posts', 'text[]').notNullable().defaultTo('{}');
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['api_keys', 'users']) await knex.schema.alterTable(table, (t) => t.dropColumn('posts'));
  await knex.schema.dropTableIfExists('post_tasks');
}
