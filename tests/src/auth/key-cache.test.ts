import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedKeyLookup } from '../../../src/auth/key-cache.js';
import type { Principal } from '../../../src/auth/keys.js';

const crm: Principal = { id: 'k1', name: 'CRM', roles: ['crm'], crewId: null, posts: [] };

/** A key table that counts reads; `revoke` removes a key as `revoked_at` does. */
function keyTable() {
  const keys = new Map([['good', crm]]);
  let reads = 0;
  return {
    lookup: async (key: string) => {
      reads++;
      return keys.get(key) ?? null;
    },
    revoke: (key: string) => keys.delete(key),
    add: (key: string, p: Principal) => keys.set(key, p),
    get reads() {
      return reads;
    },
  };
}

test('a key that authenticated is not read again within the TTL; a revocation takes effect once the TTL is over', async () => {
  const table = keyTable();
  let now = 1_000;
  const lookup = cachedKeyLookup(table.lookup, { ttlMs: 5_000, now: () => now });
  assert.deepEqual(await lookup('good'), crm);
  assert.deepEqual(await lookup('good'), crm);
  assert.equal(table.reads, 1);
  table.revoke('good');
  now += 4_999;
  assert.deepEqual(await lookup('good'), crm, 'within the TTL the revoked key still works (the documented price)');
  now += 1;
  assert.equal(await lookup('good'), null);
  assert.equal(table.reads, 2);
});

test('unknown keys are not remembered: a key created after a failed attempt works at once', async () => {
  const table = keyTable();
  const lookup = cachedKeyLookup(table.lookup, { ttlMs: 5_000 });
  assert.equal(await lookup('new'), null);
  table.add('new', { ...crm, id: 'k2' });
  assert.equal((await lookup('new'))?.id, 'k2');
  assert.equal(await lookup('wrong'), null);
  assert.equal(await lookup('wrong'), null);
  assert.equal(table.reads, 4);
});

test('a TTL of 0 reads the key table on every request', async () => {
  const table = keyTable();
  const lookup = cachedKeyLookup(table.lookup, { ttlMs: 0 });
  await lookup('good');
  await lookup('good');
  assert.equal(table.reads, 2);
});
