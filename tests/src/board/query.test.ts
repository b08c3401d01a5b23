import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { queryBoard } from '../../../src/board/query.js';
import { createDb, type Db } from '../../../src/db/index.js';

let db: Db;
const prefix = `board-test-${randomUUID().slice(0, 8)}`;
const ids: string[] = [];
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

/**
 * Five orders: three with a step time (in the order c, a, e), one whose board row has none yet,
 * and one with no board row at all; the last two sort after the others, by id.
 */
const orders = [
  { name: 'a', stepAt: at(20) },
  { name: 'b', stepAt: null },
  { name: 'c', stepAt: at(10) },
  { name: 'd', stepAt: undefined },
  { name: 'e', stepAt: at(30) },
];

before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  const { customer, address, area } = (await db.raw(
    `SELECT c.id AS customer, a.id AS address, a.area FROM customers c CROSS JOIN addresses a ORDER BY c.id, a.id LIMIT 1`,
  )).rows[0];
  for (const o of orders) {
    const id = randomUUID();
    await db('product_orders').insert({
      id, state: 'inProgress', customer_id: customer, address_id: address, area, category: 'residential',
      description: 'board test', external_id: `${prefix}-${o.name}`, order_date: '2026-01-01T00:00:00Z', body: '{}',
    });
    ids.push(id);
    if (o.stepAt !== undefined) {
      await db('order_board').insert({
        order_id: id, kind: 'productOrder', subject_created_at: db('product_orders').select('created_at').where({ id }),
        last_step: 'order.design', last_step_at: o.stepAt,
      });
    }
  }
});
after(async () => {
  await db('order_board').whereIn('order_id', ids).delete();
  await db('product_orders').whereIn('id', ids).delete();
  await db.destroy();
});

test('"longest in their step" lists orders by step time, then those with none by id, and pages across the two', async () => {
  const page = async (offset: number, limit: number) =>
    (await queryBoard(db, { q: prefix }, { sort: 'stepSince', offset, limit })).items.map((i) => i.externalId?.slice(prefix.length + 1));
  const idOf = (name: string) => ids[orders.findIndex((o) => o.name === name)]!;
  const noStep = ['b', 'd'].sort((x, y) => idOf(x).localeCompare(idOf(y)));
  const all = ['c', 'a', 'e', ...noStep];
  assert.deepEqual(await page(0, 10), all);
  assert.deepEqual(await page(0, 2), all.slice(0, 2));
  assert.deepEqual(await page(2, 2), all.slice(2, 4), 'a page that starts among the timed and ends among the rest');
  assert.deepEqual(await page(3, 2), all.slice(3, 5), 'a page wholly past the timed ones');
  assert.deepEqual(await page(4, 5), all.slice(4));
  assert.deepEqual(await page(5, 5), []);
  const { total } = await queryBoard(db, { q: prefix }, { sort: 'stepSince', offset: 0, limit: 1 });
  assert.equal(total, 5);
});

test('a filter on the current step counts and lists only the orders at that step', async () => {
  const r = await queryBoard(db, { q: prefix, step: 'order.design' }, { sort: '-createdAt', offset: 0, limit: 10 });
  assert.equal(r.total, 4, 'the four with a board row; the one without has no step');
  assert.equal(r.items.length, 4);
});

test('subjects at a step are counted from the board rows, of any kind or of one', async () => {
  const step = `${prefix}-step`;
  const atStep = [ids[0]!, ids[1]!]; // a and b
  await db('order_board').whereIn('order_id', atStep).update({ last_step: step });
  try {
    const total = async (f: Parameters<typeof queryBoard>[1]) => (await queryBoard(db, f, { sort: '-createdAt', offset: 0, limit: 10 })).total;
    assert.equal(await total({ step }), 2);
    assert.equal(await total({ step, kind: 'productOrder' }), 2);
    assert.equal(await total({ step, kind: 'troubleTicket' }), 0);
    assert.equal(await total({ step, q: prefix }), 2, 'with a filter on the subject too');
    assert.equal(await total({ step, q: `${prefix}-a` }), 1);
  } finally {
    await db('order_board').whereIn('order_id', atStep).update({ last_step: 'order.design' });
  }
});

test('filtered by step, the page is sorted by the subjects\' creation time, newest or oldest first', async () => {
  const step = `${prefix}-sorted`;
  // a, c and e at the step, created in that order a minute apart.
  const atStep = ['a', 'c', 'e'].map((name) => ids[orders.findIndex((o) => o.name === name)]!);
  for (const [i, id] of atStep.entries()) {
    await db('product_orders').where({ id }).update({ created_at: at(100 + i) });
    await db('order_board').where({ order_id: id }).update({ last_step: step, subject_created_at: at(100 + i) });
  }
  try {
    const names = async (sort: '-createdAt' | 'createdAt') =>
      (await queryBoard(db, { step }, { sort, offset: 0, limit: 10 })).items.map((i) => i.externalId?.slice(prefix.length + 1));
    assert.deepEqual(await names('-createdAt'), ['e', 'c', 'a']);
    assert.deepEqual(await names('createdAt'), ['a', 'c', 'e']);
    const second = await queryBoard(db, { step }, { sort: '-createdAt', offset: 1, limit: 1 });
    assert.deepEqual(second.items.map((i) => i.externalId?.slice(prefix.length + 1)), ['c']);
    assert.equal(second.total, 3);
  } finally {
    await db('order_board').whereIn('order_id', atStep).update({ last_step: 'order.design' });
  }
});
