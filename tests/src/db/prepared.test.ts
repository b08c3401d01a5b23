import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { createStatementNamer, isStalePlan } from '../../../src/db/prepared.js';

let db: Db;
const table = `prepared_probe_${randomUUID().replace(/-/g, '')}`;
before(async () => {
  // One connection, so every statement below meets the statements the ones before it prepared.
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 1 });
  await db.schema.createTable(table, (t) => t.integer('a'));
  await db(table).insert({ a: 1 });
});
after(async () => {
  await db?.schema.dropTableIfExists(table);
  await db?.destroy();
});

const preparedOnConnection = async (fragment: string) => {
  const { rows } = await db.raw('SELECT statement FROM pg_prepared_statements');
  return rows.filter((r: { statement: string }) => r.statement.includes(fragment)).length;
};

test('a parameterised statement is prepared once on its connection and reused', async () => {
  for (const n of [1, 2, 3]) assert.equal((await db.raw('SELECT ?::int + 0 AS sum_probe', [n])).rows[0].sum_probe, n);
  assert.equal(await preparedOnConnection('sum_probe'), 1);
});

test('a table that changed shape under a prepared statement costs one failed call, then its connection is replaced', async () => {
  const read = () => db(table).select('*').where({ a: 1 });
  assert.deepEqual(await read(), [{ a: 1 }]);
  await db.schema.alterTable(table, (t) => t.integer('b'));
  await assert.rejects(read(), (err) => isStalePlan(err));
  assert.deepEqual(await read(), [{ a: 1, b: null }]);
});

test('names statements by their text, and only as many texts as the cap allows', () => {
  const nameOf = createStatementNamer(2);
  const a = nameOf('select 1 where x = $1');
  assert.ok(a);
  assert.equal(nameOf('select 1 where x = $1'), a);
  assert.notEqual(nameOf('select 2 where x = $1'), a);
  assert.equal(nameOf('select 3 where x = $1'), undefined);
  assert.equal(nameOf('select 1 where x = $1'), a);
});
