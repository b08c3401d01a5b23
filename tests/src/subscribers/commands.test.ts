import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { EventIdReused, receiveCommands, takeOnCommand } from '../../../src/subscribers/commands.js';
import type { SubscriberCommandInput } from '../../../src/subscribers/schema.js';

let db: Db;
const subscribers: string[] = [];
before(() => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 5 });
});
after(async () => {
  // These commands were never meant to run: keep the suite's relay from starting flows for them.
  await db('outbox').whereIn('ordering_key', subscribers.map((s) => `subscriber:${s}`)).delete();
  await db?.destroy();
});
const newSubscriber = () => {
  const id = `u-${randomUUID()}`;
  subscribers.push(id);
  return id;
};

const billing = { id: randomUUID(), name: 'test billing' };
const input = (subscriberId: string, sequence: number, over: Partial<SubscriberCommandInput> = {}): SubscriberCommandInput => ({
  eventId: `ev-${randomUUID()}`,
  subscriberId,
  command: 'suspend',
  reason: 'arrears',
  issuedAt: new Date().toISOString(),
  sequence,
  services: [{ id: 'svc', type: 'broadband' }],
  callbackUrl: 'http://billing.invalid/confirmations',
  ...over,
});
const receive = (inputs: SubscriberCommandInput[]) => db.transaction((trx) => receiveCommands(trx, inputs, billing));

test('a batch with an event seen before replays it; one event twice in a batch is one command; nothing else is written twice', async () => {
  const sub = newSubscriber();
  const a = input(sub, 1);
  const [first] = await receive([a]);
  const results = await receive([a, input(sub, 2), input(sub, 3, { eventId: a.eventId.replace('ev', 'other') })]);
  assert.equal(results[0]!.row.id, first!.row.id);
  assert.deepEqual(results.map((r) => r.replayed), [true, false, false]);
  assert.equal((await db('subscriber_commands').where({ subscriber_id: sub })).length, 3);
  const twice = input(sub, 4);
  const dup = await receive([twice, twice]);
  assert.equal(dup[0]!.row.id, dup[1]!.row.id);
  const messages = await db('outbox').where({ ordering_key: `subscriber:${sub}` }).orderBy('id');
  assert.equal(messages.length, 4, 'one start message per command, queued per subscriber in arrival order');
});

test('an event id reused with another body refuses the whole batch', async () => {
  const sub = newSubscriber();
  const a = input(sub, 1);
  await receive([a]);
  await assert.rejects(receive([input(sub, 2), { ...a, reason: 'something else' }]), (e: unknown) => e instanceof EventIdReused && e.eventIds[0] === a.eventId);
  assert.equal((await db('subscriber_commands').where({ subscriber_id: sub })).length, 1, 'nothing half-written');
});

test('commands are taken on in billing\'s order: an older one arriving after a newer one is stale', async () => {
  const sub = newSubscriber();
  const [newer, older, newest] = (await receive([input(sub, 10, { command: 'resume' }), input(sub, 9), input(sub, 11)])).map((r) => r.row);
  const take = (id: string) => db.transaction((trx) => takeOnCommand(trx, id, '1', 'test'));
  assert.equal((await take(newer!.id)).decision, 'apply');
  const late = await take(older!.id);
  assert.equal(late.decision, 'stale');
  assert.match(late.reason!, /9 is not newer than 10/);
  assert.equal((await take(newest!.id)).decision, 'apply');
  const row = await db('subscribers').where({ id: sub }).first();
  assert.equal(Number(row.last_sequence), 11);
  assert.equal(row.last_command_id, newest!.id);
});
