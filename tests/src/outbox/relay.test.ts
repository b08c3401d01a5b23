import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { createLogger } from '../../../src/log/index.js';
import { enqueue } from '../../../src/outbox/index.js';
import { createRelay, keyHeadSql, type Relay } from '../../../src/outbox/relay.js';
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
  relay = startRelay(zeebe);
  relay.start();
});
after(async () => {
  await relay.stop();
  await zeebe.close();
  await hub.close();
  await db.destroy();
});

const startRelay = (publisher: Parameters<typeof createRelay>[0]['zeebe'], opts: { zeebeTimeoutMs?: number; concurrency?: number; pollMs?: number } = {}) =>
  createRelay({ db, zeebe: publisher, log: createLogger('relay-test', 'silent'), pollMs: opts.pollMs ?? 50, httpTimeoutMs: 2000, zeebeTimeoutMs: opts.zeebeTimeoutMs ?? 5000, messageTtlMs: 60_000, concurrency: opts.concurrency });

const testMessage = (messageId: string) => ({ kind: 'zeebe-message' as const, messageId, name: 'relay-test', correlationKey: messageId, variables: {} });

/** Runs `body` with a relay of its own in place of this file's (which would deliver the rows first). */
async function withOwnRelay(own: Relay, body: () => Promise<void>): Promise<void> {
  await relay.stop();
  try {
    await body();
  } finally {
    await own.stop();
    relay = startRelay(zeebe);
    relay.start();
  }
}

test('callbacks reach a listener in order even when it is down for a while', async () => {
  const key = `hub:${randomUUID()}`;
  hub.failNext(3);
  for (let i = 1; i <= 5; i++) await enqueue(db, { kind: 'http', orderingKey: key, url: hub.url, body: { seq: i, key } });
  relay.kick();
  await waitFor('five deliveries', async () => hub.events.filter((e) => e.key === key).length === 5, 20_000);
  assert.deepEqual(hub.events.filter((e) => e.key === key).map((e) => e.seq), [1, 2, 3, 4, 5]);
  // The listener records a delivery before the relay commits it as delivered.
  const rows = await waitFor('five rows recorded as delivered', async () => {
    const r = await db('outbox').where({ ordering_key: key }).orderBy('id');
    return r.every((row) => row.delivered_at) ? r : undefined;
  }, 5_000);
  assert.ok(rows[0].attempts >= 4, 'the first one was retried while the listener was down');
});

test('a message the broker already has (same messageId) counts as delivered, not as a failure', async () => {
  const messageId = `test:${randomUUID()}`;
  const message = testMessage(messageId);
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
  const own = startRelay(flaky, { zeebeTimeoutMs: 300 });
  await withOwnRelay(own, async () => {
    const messageId = `test:${randomUUID()}`;
    await enqueue(db, testMessage(messageId));
    own.start();
    const row = await waitFor('the row delivered', async () => {
      const r = await db('outbox').where({ ordering_key: `msg:${messageId}` }).first();
      return r?.delivered_at ? r : undefined;
    }, 15_000);
    assert.equal(hung, 2, 'one hung call, one that answered');
    assert.equal(row.attempts, 2);
  });
});

/** The real client, except that publishing `slowId` takes 1.5 s; `onPublish` sees every other publish and whether the slow one is done. */
function slowFor(slowId: string, onPublish: (messageId: string, slowDone: boolean) => void, onSlowStart: () => void = () => undefined) {
  let slowDone = false;
  return {
    publishMessage: (async (req: Parameters<Zeebe['publishMessage']>[0]) => {
      if (req.messageId === slowId) {
        onSlowStart();
        await new Promise((r) => setTimeout(r, 1500));
        slowDone = true;
      } else onPublish(req.messageId!, slowDone);
      return zeebe.publishMessage(req);
    }) as Zeebe['publishMessage'],
    completeJob: zeebe.completeJob.bind(zeebe),
  };
}

const allDelivered = (what: string, ids: string[]) =>
  waitFor(what, async () => {
    const rows = await db('outbox').whereIn('ordering_key', ids.map((id) => `msg:${id}`)).whereNotNull('delivered_at');
    return rows.length === ids.length;
  }, 15_000);

test('a slow delivery holds up only its own key: the relay delivers the other keys meanwhile', async () => {
  const run = randomUUID();
  const slowId = `${run}:0-slow`;
  const whileSlow: string[] = [];
  const own = startRelay(slowFor(slowId, (id, slowDone) => !slowDone && whileSlow.push(id)), { concurrency: 2 });
  await withOwnRelay(own, async () => {
    // Keys are taken in key order, so the slow one comes first.
    const ids = [slowId, ...[1, 2, 3, 4, 5, 6].map((i) => `${run}:${i}`)];
    for (const messageId of ids) await enqueue(db, testMessage(messageId));
    own.start();
    await allDelivered('all seven delivered', ids);
    assert.equal(whileSlow.length, 6, 'the six other keys went out while the slow one was still on its way');
  });
});

test('a row written while a pass is busy goes out at its kick, not after the pass', async () => {
  const run = randomUUID();
  const slowId = `${run}:slow`;
  const lateId = `${run}:late`;
  let lateBeforeSlow: boolean | null = null;
  let slowStarted: () => void = () => undefined;
  const started = new Promise<void>((r) => (slowStarted = r));
  // One lane: the late row cannot wait for a free lane of the pass, nor join its queue behind the slow key.
  const own = startRelay(slowFor(slowId, (id, slowDone) => id === lateId && (lateBeforeSlow = !slowDone), () => slowStarted()), { concurrency: 1 });
  await withOwnRelay(own, async () => {
    await enqueue(db, testMessage(slowId));
    own.start();
    await started;
    await enqueue(db, testMessage(lateId));
    own.kick();
    await allDelivered('both delivered', [slowId, lateId]);
    assert.equal(lateBeforeSlow, true, 'the late row went out while the slow one was still on its way');
  });
});

test('a kicked row goes out at once, not at the next poll', async () => {
  const own = startRelay(zeebe, { pollMs: 60_000 });
  await withOwnRelay(own, async () => {
    own.start();
    await new Promise((r) => setTimeout(r, 300)); // its first pass is over: the next one is a minute away
    const messageId = `test:${randomUUID()}`;
    await enqueue(db, testMessage(messageId));
    const kickedAt = Date.now();
    own.kick();
    await allDelivered('the kicked row delivered', [messageId]);
    assert.ok(Date.now() - kickedAt < 5_000, `delivered ${Date.now() - kickedAt} ms after its kick`);
  });
});

test('a row that commits after a later row was delivered at its kick still goes out', async () => {
  const own = startRelay(zeebe, { pollMs: 500 });
  await withOwnRelay(own, async () => {
    own.start();
    await new Promise((r) => setTimeout(r, 300));
    const [early, late] = [`test:${randomUUID()}`, `test:${randomUUID()}`];
    const trx = await db.transaction();
    try {
      await enqueue(trx, testMessage(early)); // the lower id, still uncommitted
      await enqueue(db, testMessage(late));
      own.kick();
      await allDelivered('the later row delivered at its kick', [late]);
      await trx.commit();
    } catch (err) {
      await trx.rollback();
      throw err;
    }
    own.kick(); // reads only above the later row's id: the early row is the passes' to find
    await allDelivered('the early row delivered too', [early]);
  });
});

test('a key another relay is delivering is left alone until that relay lets go, then its rows go out in order', async () => {
  const key = `hub:${randomUUID()}`;
  const other = await db.transaction();
  try {
    // Another relay's session holds the key's lock for as long as its delivery takes.
    await other.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [key]);
    for (let i = 1; i <= 3; i++) await enqueue(db, { kind: 'http', orderingKey: key, url: hub.url, body: { seq: i, key } });
    relay.kick();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(hub.events.filter((e) => e.key === key).length, 0, 'nothing delivered while the key is held');
  } finally {
    await other.commit();
  }
  relay.kick();
  await waitFor('three deliveries', async () => hub.events.filter((e) => e.key === key).length === 3, 10_000);
  assert.deepEqual(hub.events.filter((e) => e.key === key).map((e) => e.seq), [1, 2, 3]);
});

test('a row committed as delivered after the relay\'s read began is not handed out again', async () => {
  const key = `hub:${randomUUID()}`;
  // Not due for an hour, so this file's relay leaves it alone; the read below returns it regardless.
  const [{ id }] = await db('outbox')
    .insert({ ordering_key: key, kind: 'http', destination: hub.url, payload: { key }, next_attempt_at: new Date(Date.now() + 3600_000) })
    .returning('id');
  const deliverer = await db.transaction();
  try {
    // Another relay has delivered the row and is committing that.
    await deliverer('outbox').where({ id }).update({ delivered_at: deliverer.fn.now(), attempts: 1 });
    const read = db.transaction((trx) => trx.raw(keyHeadSql, { key }));
    const early = await Promise.race([read.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    assert.equal(early, 'waiting', 'the read waits for the delivering transaction');
    await deliverer.commit();
    const { rows } = await read;
    assert.deepEqual(rows, [], 'the delivered row is not handed out again');
  } finally {
    if (!deliverer.isCompleted()) await deliverer.rollback();
  }
});
