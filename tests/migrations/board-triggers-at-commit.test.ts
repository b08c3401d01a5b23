import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../src/db/index.js';

let db: Db;
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 10 });
});
after(async () => db?.destroy());

const step = (orderId: string, name: string) => ({ order_id: orderId, kind: 'step', step: name, actor: 'test', outcome: 'done' });

/** A subject of the board: the triggers write rows only for those. */
async function newSubject(): Promise<string> {
  const id = randomUUID();
  const { area } = await db('areas').first('code as area');
  await db('construction_orders').insert({ id, state: 'inProgress', area, title: 'board trigger test', source: 'test' });
  return id;
}

test('parallel steps of one subject do not queue on its board row: the read model is written at commit', async () => {
  const subject = await newSubject();
  const first = await db.transaction();
  const second = await db.transaction();
  try {
    await first('trace_events').insert(step(subject, 'work-order.dispatch'));
    // With the upsert at the statement, this insert would wait for `first` to end and time out.
    await second.raw("SET LOCAL lock_timeout = '1s'");
    await second('trace_events').insert(step(subject, 'resource.complete'));
    await first.commit();
    await second.commit();
  } finally {
    if (!first.isCompleted()) await first.rollback();
    if (!second.isCompleted()) await second.rollback();
  }
  const row = await db('order_board').where({ order_id: subject }).first('last_step', 'kind');
  assert.equal(row.last_step, 'resource.complete', 'the later commit is the last step');
  assert.equal(row.kind, 'constructionOrder');
});

test('a step of an id no subject has gives it no board row', async () => {
  const stranger = randomUUID();
  await db('trace_events').insert(step(stranger, 'order.design'));
  assert.equal(await db('order_board').where({ order_id: stranger }).first(), undefined);
  const subject = await newSubject();
  await db('trace_events').insert(step(subject, 'order.design'));
  const row = await db('order_board').where({ order_id: subject }).first('kind', 'subject_created_at');
  const { created_at: createdAt } = await db('construction_orders').where({ id: subject }).first('created_at');
  assert.equal(row.kind, 'constructionOrder');
  assert.deepEqual(row.subject_created_at, createdAt, 'the row carries its subject\'s creation time, for the step index');
});

test('work orders count into the board at commit as well', async () => {
  const { rows } = await db.raw(`SELECT tgdeferrable, tginitdeferred FROM pg_trigger WHERE tgname = 'work_order_changed'`);
  assert.deepEqual(rows, [{ tgdeferrable: true, tginitdeferred: true }]);
});
