import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { writeTogether } from '../../../src/db/together.js';

let db: Db;
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
});
after(async () => db?.destroy());

/** Temporary tables live on the transaction's connection and vanish with it. */
async function inScratchTables<T>(work: (trx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw('CREATE TEMP TABLE notes (id int PRIMARY KEY, text text) ON COMMIT DROP');
    await trx.raw('CREATE TEMP TABLE tallies (name text PRIMARY KEY, n int) ON COMMIT DROP');
    await trx('tallies').insert({ name: 'notes', n: 0 });
    return work(trx);
  });
}

test('writes inserts and updates of several tables in one statement, values with question marks intact', async () => {
  let statements = 0;
  const count = () => statements++;
  const rows = await inScratchTables(async (trx) => {
    db.on('query', count);
    await writeTogether(trx, [
      trx('notes').insert([{ id: 1, text: 'why?' }, { id: 2, text: '{"q": "?"}' }]),
      trx('tallies').where({ name: 'notes' }).update({ n: 2 }),
    ]);
    db.off('query', count);
    return { notes: await trx('notes').orderBy('id'), tallies: await trx('tallies') };
  });
  assert.equal(statements, 1);
  assert.deepEqual(rows.notes, [{ id: 1, text: 'why?' }, { id: 2, text: '{"q": "?"}' }]);
  assert.deepEqual(rows.tallies, [{ name: 'notes', n: 2 }]);
});

test('one failing write fails the statement, and none of the others is written', async () => {
  const left = await inScratchTables(async (trx) => {
    await trx('notes').insert({ id: 1, text: 'first' });
    await trx.raw('SAVEPOINT before_together');
    await assert.rejects(writeTogether(trx, [
      trx('tallies').where({ name: 'notes' }).update({ n: 99 }),
      trx('notes').insert({ id: 1, text: 'duplicate' }),
    ]), /duplicate key/);
    await trx.raw('ROLLBACK TO SAVEPOINT before_together');
    return { notes: await trx('notes'), tallies: await trx('tallies') };
  });
  assert.deepEqual(left.notes, [{ id: 1, text: 'first' }]);
  assert.deepEqual(left.tallies, [{ name: 'notes', n: 0 }]);
});

test("returns the first write's RETURNING rows, as a query of its own would", async () => {
  const returned = await inScratchTables(async (trx) => {
    await trx('notes').insert({ id: 1, text: 'old' });
    const together = await writeTogether<{ id: number; text: string }>(trx, [
      trx('notes').where({ id: 1 }).update({ text: 'new' }).returning('*'),
      trx('tallies').where({ name: 'notes' }).update({ n: 1 }),
    ]);
    const alone = await writeTogether<{ name: string; n: number }>(trx, [trx('tallies').where({ name: 'notes' }).update({ n: 2 }).returning('*')]);
    const without = await writeTogether(trx, [trx('notes').where({ id: 1 }).update({ text: 'newer' }), trx('tallies').update({ n: 3 })]);
    return { together, alone, without };
  });
  assert.deepEqual(returned.together, [{ id: 1, text: 'new' }]);
  assert.deepEqual(returned.alone, [{ name: 'notes', n: 2 }]);
  assert.deepEqual(returned.without, []);
});
