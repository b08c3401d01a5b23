import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../../src/db/index.js';
import { createTraceFeed, type TraceFeed } from '../../../src/events/trace-feed.js';
import type { LiveNotice } from '../../../src/events/trace-notice.js';
import { createLogger } from '../../../src/log/index.js';
import { waitFor } from '../../support/http.js';

let db: Db;
let feed: TraceFeed;
const heard: LiveNotice[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 4 });
  feed = createTraceFeed(db, createLogger('feed-test', 'silent'), { pollMs: 50 });
});
after(async () => {
  await feed.close();
  await db.destroy();
});

const traceFor = (orderId: string) => db('trace_events').insert({ order_id: orderId, kind: 'action', actor: 'feed-test', outcome: 'noted' });
const heardTrace = (orderId: string) => heard.find((n) => n.event === 'trace' && n.data.orderId === orderId);

test('a screen that opens hears what is committed after it, not what came before', async () => {
  const before = randomUUID();
  await traceFor(before);
  await sleep(200); // the feed's reads move past it while nobody listens
  const stop = feed.subscribe((n) => heard.push(n), () => undefined);
  try {
    const orderId = randomUUID();
    await traceFor(orderId);
    const notice = await waitFor('the trace entry heard', async () => heardTrace(orderId), 5_000);
    assert.deepEqual(Object.keys(notice.data).sort(), ['at', 'id', 'kind', 'orderId', 'outcome', 'step']);
    assert.equal(notice.event === 'trace' && notice.data.outcome, 'noted');
    assert.equal(heardTrace(before), undefined);
  } finally {
    stop();
  }
});

test('a change to the console lists (here an incident) reaches the screen as its own event', async () => {
  const stop = feed.subscribe((n) => heard.push(n), () => undefined);
  const key = randomInt(2 ** 40, 2 ** 47);
  try {
    await sleep(100);
    await db('zeebe_incidents').insert({ key, error_type: 'JOB_NO_RETRIES', state: 'created', last_position: 0 });
    const notice = await waitFor('the incident heard', async () => heard.find((n) => n.event === 'exception' && n.data.id === String(key)), 5_000);
    assert.deepEqual(notice.data, { topic: 'exception', id: String(key), subjectId: null, state: 'created' });
  } finally {
    stop();
    await db('zeebe_incidents').where({ key }).delete();
  }
});

test('no transaction notifies: PostgreSQL would run their commits one at a time', async () => {
  const { rows } = await db.raw(`SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND p.prosrc ILIKE '%pg_notify%'`);
  assert.deepEqual(rows, []);
});
