import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { DesignNotFeasible, reserveDesign } from '../../../src/construction/design.js';
import type { ConstructionOrderRow } from '../../../src/construction/repository.js';
import { ConstructionDesign } from '../../../src/construction/schema.js';
import { createDb, type Db } from '../../../src/db/index.js';
import { createTestArea } from '../../support/fixtures.js';

let db: Db;
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 10 });
});
after(async () => db?.destroy());

/** A construction order row alone: no flow is started for it here. */
async function constructionIn(area: string): Promise<ConstructionOrderRow> {
  const [row] = await db('construction_orders').insert({ id: randomUUID(), source: 'optimization', title: 'test', area, state: 'inProgress' }).returning('*');
  return row;
}

async function material(onHand: number): Promise<string> {
  const id = `test-${randomUUID().slice(0, 8)}`;
  await db('materials').insert({ id, name: `Test material ${id}`, unit: 'pcs', on_hand: onHand });
  return id;
}

const design = (d: unknown) => ConstructionDesign.parse(d);

test('an infeasible design names every problem and reserves nothing', async () => {
  const { area } = await createTestArea(db, { pon_port: 1 });
  const existing = await db('network_resources').where({ area }).first();
  const order = await constructionIn(area);
  const box = await material(3);
  const attempt = db.transaction((trx) => reserveDesign(trx, order, design({
    sites: [
      { code: 'A', resources: [{ type: 'pon_port', name: existing.name }, { type: 'pon_port', name: 'new-1' }] },
      { code: 'B', area, resources: [{ type: 'pon_port', name: 'new-1' }] },
      { code: 'C', area: 'NOWHERE', resources: [{ type: 'vlan', name: 'VLAN-9' }] },
    ],
    materials: [{ materialId: box, quantity: 2 }, { materialId: 'no-such-material', quantity: 1 }],
  })));
  await assert.rejects(attempt, (err: unknown) => {
    assert.ok(err instanceof DesignNotFeasible);
    assert.deepEqual(err.problems.sort(), [
      `pon_port ${existing.name} already exists in ${area}`,
      `pon_port new-1 in ${area} is designed twice`,
      'site C: unknown area NOWHERE',
      'unknown material no-such-material',
    ].sort());
    return true;
  });
  assert.equal((await db('materials').where({ id: box }).first()).reserved, 0, 'the material reserved on the way was rolled back');
  assert.equal((await db('construction_sites').where({ construction_order_id: order.id })).length, 0);
});

test('two designs racing for the last boxes: one reserves them, the other is told the store is short', async () => {
  const { area } = await createTestArea(db, {});
  const box = await material(5);
  const orders = await Promise.all([constructionIn(area), constructionIn(area)]);
  const results = await Promise.allSettled(orders.map((o, i) => db.transaction((trx) => reserveDesign(trx, o, design({
    sites: [{ code: 'S', resources: [{ type: 'pon_port', name: `race-${i}` }] }],
    materials: [{ materialId: box, quantity: 4 }],
  })))));
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  assert.ok(lost.reason instanceof DesignNotFeasible);
  assert.match(lost.reason.message, /not enough Test material .*: 4 pcs needed, 1 free/);
  const stock = await db('materials').where({ id: box }).first();
  assert.deepEqual([stock.on_hand, stock.reserved], [5, 4]);
});
