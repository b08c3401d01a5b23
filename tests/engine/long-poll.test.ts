import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../src/db/index.js';
import { openIncidents, retryIncident } from '../../src/engine/incidents.js';
import { createLogger } from '../../src/log/index.js';
import { createZeebe, type Zeebe } from '../../src/zeebe/client.js';
import { connectJobGateway, type JobGateway } from '../../src/zeebe/gateway.js';
import { type JobPoller, pollJobs } from '../../src/zeebe/job-poller.js';
import { deployOneTaskProcess } from '../support/engine.js';
import { waitFor } from '../support/http.js';

// A long poll costs no latency only while the broker wakes a waiting poll for every way a job
// becomes activatable that the workers rely on. This file holds Zeebe to that with a 30 s poll, far
// longer than the `prompt` each wake-up must beat, and the workers' default (WORKER_LONG_POLL_SECONDS,
// src/config): if an upgrade stops it, jobs would wait out whole long polls.
const PROCESS = 'test-long-poll';
const JOB = 'test.long-poll';
const prompt = 5_000;

let db: Db;
let zeebe: Zeebe;
let gateway: JobGateway;
let poller: JobPoller;
const longPollSeconds = 30;
/** Activation times per instance, in order. */
const activations = new Map<string, number[]>();
/** What the worker does with an instance's first activation. */
type Mode = 'complete' | 'fail-and-retry' | 'fail-for-good';

before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!);
  gateway = connectJobGateway(process.env.ZEEBE_GRPC_ADDRESS!);
  await deployOneTaskProcess(zeebe, PROCESS, JOB);
  poller = pollJobs(gateway, {
    type: JOB,
    worker: 'test-long-poll',
    maxJobs: 32,
    jobTimeoutMs: 30_000,
    longPollMs: longPollSeconds * 1000,
    handle: async (job, act) => {
      const seen = [...(activations.get(job.processInstanceKey) ?? []), Date.now()];
      activations.set(job.processInstanceKey, seen);
      const mode = (job.variables as { mode: Mode }).mode;
      // As workers/runner.ts fails a job: the back-off is waited out in the worker, not by the broker.
      if (seen.length === 1 && mode === 'fail-and-retry') return act.fail({ errorMessage: 'try again', retries: 2, retryBackOffMs: 0 });
      if (seen.length === 1 && mode === 'fail-for-good') return act.fail({ errorMessage: 'needs a person', retries: 0 });
      return act.complete();
    },
  }, createLogger('test-long-poll', 'warn'));
});
after(async () => {
  await poller?.close();
  gateway?.close();
  await zeebe?.close();
  await db?.destroy();
});

/** Lets the worker's activation request sit empty in its long poll, as it does on a quiet system. */
const idle = () => new Promise((r) => setTimeout(r, 3_000));

async function start(mode: Mode): Promise<string> {
  await idle();
  const { processInstanceKey } = await zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: { mode } });
  return processInstanceKey;
}

const activated = (key: string, n: number) =>
  waitFor(`activation ${n} of ${key}`, async () => activations.get(key)?.[n - 1], longPollSeconds * 1000 + 10_000, 10);

test('a waiting long poll is woken by a new job', async () => {
  const t0 = Date.now();
  const key = await start('complete');
  assert.ok((await activated(key, 1)) - t0 < prompt + 3_000);
});

test('a waiting long poll is woken by a job failed with retries left and no back-off', async () => {
  const key = await start('fail-and-retry');
  const first = await activated(key, 1);
  assert.ok((await activated(key, 2)) - first < prompt);
});

test('a waiting long poll is woken by a job whose incident a dispatcher retried', async () => {
  const key = await start('fail-for-good');
  await activated(key, 1);
  const [incident] = await waitFor('the incident', async () => {
    const open = await openIncidents(db, { processInstanceKey: key });
    return open.length ? open : undefined;
  }, 10_000, 50);
  await idle();
  const retried = Date.now();
  await retryIncident(zeebe, incident!);
  assert.ok((await activated(key, 2)) - retried < prompt);
});
