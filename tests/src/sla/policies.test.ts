import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { resolvePolicy } from '../../../src/sla/policies.js';

let db: Db;
const flow = `policy-test-${randomUUID().slice(0, 8)}`;
before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  const base = { flow, pre_alarm_seconds: 10, post_id: 'dispatch-desk' };
  await db('sla_policies').insert([
    { ...base, step: '*', limit_seconds: 1000 },
    { ...base, step: 'install', limit_seconds: 500 },
    { ...base, step: 'install', customer_tier: 'gold', limit_seconds: 300 },
    { ...base, step: 'install', customer_tier: 'gold', priority: 0, limit_seconds: 100 },
    { ...base, step: 'install', vip: true, limit_seconds: 200 },
  ]);
});
after(async () => {
  await db('sla_policies').where({ flow }).delete();
  await db.destroy();
});

test('the step\'s own policy beats the flow default, and the most specific match wins', async () => {
  const limit = async (step: string, ctx: object) => (await resolvePolicy(db, flow, step, ctx))?.limit_seconds;
  assert.equal(await limit('survey', {}), 1000);
  assert.equal(await limit('install', { tier: 'ordinary' }), 500);
  assert.equal(await limit('install', { tier: 'gold', priority: 4 }), 300);
  assert.equal(await limit('install', { tier: 'gold', priority: 0 }), 100);
  assert.equal(await limit('install', { tier: 'silver', vip: true }), 200);
  assert.equal(await limit('install', { tier: 'gold', vip: true }), 200, 'equally specific: the shorter limit');
  assert.equal(await resolvePolicy(db, 'no-such-flow', 'install', {}), undefined);
});
