import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { createLogger } from '../../../src/log/index.js';
import { createZeebe, type Zeebe } from '../../../src/zeebe/client.js';
import { connectJobGateway, type JobGateway } from '../../../src/zeebe/gateway.js';
import { pollJobs } from '../../../src/zeebe/job-poller.js';
import { deployOneTaskProcess } from '../../support/engine.js';
import { waitFor } from '../../support/http.js';

const PROCESS = 'test-job-poller';
const JOB = 'test.job-poller';
const log = createLogger('test-job-poller', 'warn');
const jobTimeoutMs = 120_000;

let zeebe: Zeebe;
const brokerAddress = () => process.env.ZEEBE_GRPC_ADDRESS!.replace(/^grpcs?:\/\//, '');

/**
 * A TCP relay to the gateway that holds every byte the gateway sends back for `delayMs`: a slow or
 * CPU-starved path, on which the answer to an activation arrives after the long poll has ended on
 * the gateway's side. The SDK's worker gives up on its call 1 s after the long poll and so drops
 * such a batch, leaving the jobs activated for nobody until their timeout.
 */
async function slowLink(delayMs: number) {
  const [host, port] = brokerAddress().split(':');
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), host);
    sockets.add(client).add(upstream);
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), delayMs));
    const end = () => { client.destroy(); upstream.destroy(); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const cut = () => { for (const s of sockets) s.destroy(); sockets.clear(); };
  return {
    address: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    /** Drops every open connection, as a broker restart or a network blip does; new ones are let through. */
    cut,
    close: () => { cut(); server.close(); },
  };
}

before(async () => {
  zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!);
  await deployOneTaskProcess(zeebe, PROCESS, JOB);
});
after(async () => {
  await zeebe?.close();
});

const start = async (tag: string) =>
  (await zeebe.createProcessInstance({ bpmnProcessId: PROCESS, variables: { tag } })).processInstanceKey;

test('jobs whose activation answer arrives long after the long poll ended are still worked, not left to their timeout', async () => {
  const link = await slowLink(2_500);
  const gateway = connectJobGateway(link.address);
  const handled = new Map<string, number>();
  const poller = pollJobs(gateway, {
    type: JOB, worker: 'test-slow-link', maxJobs: 8, jobTimeoutMs, longPollMs: 1_000,
    handle: async (job, act) => {
      handled.set(job.variables.tag as string, Date.now());
      await act.complete({ workedBy: 'test-slow-link' });
    },
  }, log);
  try {
    const t0 = Date.now();
    const tags = ['a', 'b', 'c', 'd'];
    // Spread over several long polls, so that some answers land after their poll's end on the client's clock.
    for (const tag of tags) {
      await start(tag);
      await new Promise((r) => setTimeout(r, 700));
    }
    await waitFor('every job worked', async () => tags.every((t) => handled.has(t)), 30_000, 50);
    const slowest = Math.max(...tags.map((t) => handled.get(t)!)) - t0;
    assert.ok(slowest < jobTimeoutMs / 4, `worked after ${slowest} ms: a batch was lost and waited for its timeout`);
  } finally {
    await poller.close();
    gateway.close();
    link.close();
  }
});

test('a poller with room for one job at a time works several, taking the next when the one in hand is done', async () => {
  const gateway = connectJobGateway(process.env.ZEEBE_GRPC_ADDRESS!);
  let inHand = 0;
  let most = 0;
  const done = new Set<string>();
  const poller = pollJobs(gateway, {
    type: JOB, worker: 'test-one-at-a-time', maxJobs: 1, jobTimeoutMs, longPollMs: 30_000,
    handle: async (job, act) => {
      most = Math.max(most, ++inHand);
      await new Promise((r) => setTimeout(r, 100));
      inHand--;
      await act.complete({});
      done.add(job.variables.tag as string);
    },
  }, log);
  try {
    const tags = ['one', 'two', 'three'];
    for (const tag of tags) await start(tag);
    await waitFor('all three worked', async () => tags.every((t) => done.has(t)), 15_000, 20);
    assert.equal(most, 1);
  } finally {
    await poller.close();
    gateway.close();
  }
});

test('a poller whose connection drops in the middle of a long poll reconnects and goes on taking jobs', async () => {
  const link = await slowLink(0);
  const gateway = connectJobGateway(link.address);
  const handled = new Set<string>();
  const poller = pollJobs(gateway, {
    type: JOB, worker: 'test-dropped-link', maxJobs: 8, jobTimeoutMs, longPollMs: 30_000,
    handle: async (job, act) => {
      await act.complete({});
      handled.add(job.variables.tag as string);
    },
  }, log);
  try {
    await start('before-drop');
    await waitFor('the job before the drop', async () => handled.has('before-drop'), 10_000, 20);
    await new Promise((r) => setTimeout(r, 500)); // a long poll is open again
    link.cut();
    await start('after-drop');
    await waitFor('the job after the drop', async () => handled.has('after-drop'), 20_000, 50);
  } finally {
    await poller.close();
    gateway.close();
    link.close();
  }
});

test('closing a poller lets the job in hand finish, and leaves no activation call behind to take new jobs', async () => {
  const gateway: JobGateway = connectJobGateway(process.env.ZEEBE_GRPC_ADDRESS!);
  let release!: () => void;
  const inHand = new Promise<void>((r) => (release = r));
  const seen: string[] = [];
  const worker = (name: string, wait?: Promise<void>) =>
    pollJobs(gateway, {
      type: JOB, worker: name, maxJobs: 1, jobTimeoutMs, longPollMs: 30_000,
      handle: async (job, act) => {
        seen.push(`${name} took ${job.variables.tag as string}`);
        await wait;
        await act.complete({});
        seen.push(`${name} completed ${job.variables.tag as string}`);
      },
    }, log);
  try {
    const first = worker('first', inHand);
    await start('held');
    await waitFor('the job in hand', async () => seen.includes('first took held'), 10_000, 20);
    let closed = false;
    const closing = first.close(10_000).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(closed, false, 'close returned with a job still in hand');
    release();
    await closing;
    assert.ok(seen.includes('first completed held'));

    // Had the closed poller's waiting activation call stayed open, the gateway would hand it this job.
    await start('after-close');
    const second = worker('second');
    await waitFor('the job after close', async () => seen.includes('second completed after-close'), 10_000, 20);
    await second.close();
    assert.ok(!seen.includes('first took after-close'));
  } finally {
    gateway.close();
  }
});
