import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { NoCapacityError, releaseOrder, reserveFor, reserveForOrder } from '../../../src/inventory/reservations.js';
import { createTestArea } from '../../support/fixtures.js';

let db: Db;
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 10 });
});
after(async () => db?.destroy());

test('ten transactions racing for the last port: exactly one reserves it, the others see no capacity', async () => {
  const { area } = await createTestArea(db, { pon_port: 1 });
  const results = await Promise.allSettled(
    Array.from({ length: 10 }, () => db.transaction((trx) => reserveFor(trx, randomUUID(), randomUUID(), area, ['pon_port']))),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  assert.ok(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof NoCapacityError));
  const port = await db('network_resources').where({ area }).first();
  assert.equal(port.state, 'reserved');
});

test('reserving again for the same business resource reuses what it holds; release gives it back', async () => {
  const { area } = await createTestArea(db, { pon_port: 2, vlan: 2 });
  const br = randomUUID();
  const order = randomUUID();
  const first = await db.transaction((trx) => reserveFor(trx, br, order, area, ['pon_port', 'vlan']));
  const second = await db.transaction((trx) => reserveFor(trx, br, order, area, ['pon_port', 'vlan']));
  assert.deepEqual(second.map((r) => r.id).sort(), first.map((r) => r.id).sort());
  assert.equal(await db.transaction((trx) => releaseOrder(trx, order)), 2);
  assert.equal((await db('network_resources').where({ area, state: 'available' })).length, 4);
});

test('two orders needing the same last set, listed in opposite orders: one gets all of it, never both a part', async () => {
  for (let round = 0; round < 5; round++) {
    const { area } = await createTestArea(db, { pon_port: 1, vlan: 1, ip_address: 1 });
    const [brA1, brA2, brB1, brB2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const a = db.transaction((trx) => reserveForOrder(trx, randomUUID(), area, [
      { businessResourceId: brA1, types: ['pon_port'] }, { businessResourceId: brA2, types: ['vlan', 'ip_address'] },
    ]));
    const b = db.transaction((trx) => reserveForOrder(trx, randomUUID(), area, [
      { businessResourceId: brB2, types: ['ip_address', 'vlan'] }, { businessResourceId: brB1, types: ['pon_port'] },
    ]));
    const results = await Promise.allSettled([a, b]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, `round ${round}: exactly one order gets the set`);
  }
});
