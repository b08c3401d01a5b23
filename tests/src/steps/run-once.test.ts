import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { runOnce } from '../../../src/steps/run-once.js';

let db: Db;
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 10 });
});
after(async () => db?.destroy());

test('a step redelivered while its first run is still going waits and returns the first result', async () => {
  const key = `test:${randomUUID()}`;
  let effects = 0;
  const effect = async () => {
    effects++;
    await new Promise((r) => setTimeout(r, 100));
    return { output: { n: effects } };
  };
  const [a, b] = await Promise.all([runOnce(db, key, null, effect), runOnce(db, key, null, effect)]);
  assert.equal(effects, 1);
  assert.deepEqual(a.output, b.output);
  assert.deepEqual([a.repeated, b.repeated].sort(), [false, true]);
});

test('a step whose effect fails leaves no result behind, so the retry runs it again', async () => {
  const key = `test:${randomUUID()}`;
  await assert.rejects(runOnce(db, key, null, async () => {
    throw new Error('network element timed out');
  }));
  const again = await runOnce(db, key, null, async () => ({ output: { ok: true } }));
  assert.equal(again.repeated, false);
});

test('rows written alongside a result are committed with it, and not again when the step is repeated', async () => {
  const key = `test:${randomUUID()}`;
  await db.raw('CREATE TABLE IF NOT EXISTS test_run_once_alongside (key text, n serial)');
  const effect = async (trx: Parameters<Parameters<Db['transaction']>[0]>[0]) =>
    ({ output: { ok: true }, alongside: [trx('test_run_once_alongside').insert({ key })] });
  const first = await runOnce(db, key, null, effect);
  const again = await runOnce(db, key, null, effect);
  assert.deepEqual([first.repeated, again.repeated], [false, true]);
  assert.equal((await db('test_run_once_alongside').where({ key })).length, 1);
});
