import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { createLogger } from '../../../src/log/index.js';
import { enqueue } from '../../../src/outbox/index.js';
import { createRelay, type Relay } from '../../../src/outbox/relay.js';
import { createZeebe, type Zeebe } from '../../../src/zeebe/client.js';
import { waitFor } from '../../support/http.js';
import { startHubReceiver, type HubReceiver } from '../../support/hub-receiver.js';

let db: Db;
let zeebe: Zeebe;
let relay: Relay;
let hub: HubReceiver;

before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 10 });
  zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!);
  hub = await startHubReceiver();
  relay = createRelay({ db, zeebe, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000 });
  relay.start();
});
after(async () => {
  await relay.stop();
  await zeebe.close();
  await hub.close();
  await db.destroy();
});

test('callbacks reach a listener in order even when it is down for a while', async () => {
  const key = `hub:${randomUUID()}`;
  hub.failNext(3);
  for (let i = 1; i <= 5; i++) await enqueue(db, { kind: 'http', orderingKey: key, url: hub.url, body: { seq: i, key } });
  relay.kick();
  await waitFor('five deliveries', async () => hub.events.filter((e) => e.key === key).length === 5, 20_000);
  assert.deepEqual(hub.events.filter((e) => e.key === key).map((e) => e.seq), [1, 2, 3, 4, 5]);
  const rows = await db('outbox').where({ ordering_key: key }).orderBy('id');
  assert.ok(rows.every((r) => r.delivered_at));
  assert.ok(rows[0].attempts >= 4, 'the first one was retried while the listener was down');
});

test('a message the broker already has (same messageId) counts as delivered, not as a failure', async () => {
  const messageId = `test:${randomUUID()}`;
  const message = { kind: 'zeebe-message' as const, messageId, name: 'relay-test', correlationKey: messageId, variables: {} };
  await enqueue(db, message);
  await enqueue(db, message);
  relay.kick();
  await waitFor('both rows delivered', async () => {
    const rows = await db('outbox').where({ ordering_key: `msg:${messageId}` });
    return rows.length === 2 && rows.every((r) => r.delivered_at);
  }, 10_000);
  const rows = await db('outbox').where({ ordering_key: `msg:${messageId}` });
  assert.ok(rows.every((r) => r.last_error === null));
});

test('a broker call that never answers is given up and tried again: the message still gets through once', async () => {
  // The real client, except that its first publish hangs for good, as the SDK's unary calls can.
  let hung = 0;
  const flaky = {
    publishMessage: ((req: Parameters<Zeebe['publishMessage']>[0]) => {
      if (hung++ === 0) return new Promise(() => undefined);
      return zeebe.publishMessage(req);
    }) as Zeebe['publishMessage'],
    completeJob: zeebe.completeJob.bind(zeebe),
  };
  const own = createRelay({ db, zeebe: flaky, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 300, messageTtlMs: 60_000 });
  await relay.stop(); // this file's relay would deliver it first
  const messageId = `test:${randomUUID()}`;
  await enqueue(db, { kind: 'zeebe-message', messageId, name: 'relay-test', correlationKey: messageId, variables: {} });
  own.start();
  try {
    const row = await waitFor('the row delivered', async () => {
      const r = await db('outbox').where({ ordering_key: `msg:${messageId}` }).first();
      return r?.delivered_at ? r : undefined;
    }, 15_000);
    assert.equal(hung, 2, 'one hung call, one that answered');
    assert.equal(row.attempts, 2);
  } finally {
    await own.stop();
    relay = createRelay({ db, zeebe, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000 });
    relay.start();
  }
});

test('a slow delivery holds up only its own key: the relay delivers the other keys meanwhile', async () => {
  await relay.stop(); // this file's relay would deliver them first
  const run = randomUUID();
  const slowId = `${run}:0-slow`;
  let slowDone = false;
  const whileSlow: string[] = [];
  const publisher = {
    publishMessage: (async (req: Parameters<Zeebe['publishMessage']>[0]) => {
      if (req.messageId === slowId) {
        await new Promise((r) => setTimeout(r, 1500));
        slowDone = true;
      } else if (!slowDone) whileSlow.push(req.messageId!);
      return zeebe.publishMessage(req);
    }) as Zeebe['publishMessage'],
    completeJob: zeebe.completeJob.bind(zeebe),
  };
  const own = createRelay({ db, zeebe: publisher, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000, concurrency: 2 });
  // Keys are taken in key order, so the slow one comes first.
  const ids = [slowId, ...[1, 2, 3, 4, 5, 6].map((i) => `${run}:${i}`)];
  for (const messageId of ids) await enqueue(db, { kind: 'zeebe-message', messageId, name: 'relay-test', correlationKey: messageId, variables: {} });
  own.start();
  try {
    await waitFor('all seven delivered', async () => {
      const rows = await db('outbox').whereIn('ordering_key', ids.map((id) => `msg:${id}`)).whereNotNull('delivered_at');
      return rows.length === ids.length;
    }, 15_000);
    assert.equal(whileSlow.length, 6, 'the six other keys went out while the slow one was still on its way');
  } finally {
    await own.stop();
    relay = createRelay({ db, zeebe, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000 });
    relay.start();
  }
});

test('a row written while a pass is busy goes out at its kick, not after the pass', async () => {
  await relay.stop(); // this file's relay would deliver them first
  const run = randomUUID();
  const slowId = `${run}:slow`;
  const lateId = `${run}:late`;
  let slowDone = false;
  let lateBeforeSlow: boolean | null = null;
  let slowStarted: () => void = () => undefined;
  const started = new Promise<void>((r) => (slowStarted = r));
  const publisher = {
    publishMessage: (async (req: Parameters<Zeebe['publishMessage']>[0]) => {
      if (req.messageId === slowId) {
        slowStarted();
        await new Promise((r) => setTimeout(r, 1500));
        slowDone = true;
      } else if (req.messageId === lateId) lateBeforeSlow = !slowDone;
      return zeebe.publishMessage(req);
    }) as Zeebe['publishMessage'],
    completeJob: zeebe.completeJob.bind(zeebe),
  };
  const own = createRelay({ db, zeebe: publisher, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000, concurrency: 2 });
  const message = (messageId: string) => ({ kind: 'zeebe-message' as const, messageId, name: 'relay-test', correlationKey: messageId, variables: {} });
  await enqueue(db, message(slowId));
  own.start();
  try {
    await started;
    await enqueue(db, message(lateId));
    own.kick();
    await waitFor('both delivered', async () => {
      const rows = await db('outbox').whereIn('ordering_key', [`msg:${slowId}`, `msg:${lateId}`]).whereNotNull('delivered_at');
      return rows.length === 2;
    }, 15_000);
    assert.equal(lateBeforeSlow, true, 'the late row went out while the slow one was still on its way');
  } finally {
    await own.stop();
    relay = createRelay({ db, zeebe, log: createLogger('relay-test', 'silent'), pollMs: 50, httpTimeoutMs: 2000, zeebeTimeoutMs: 5000, messageTtlMs: 60_000 });
    relay.start();
  }
});
