import { hostname } from 'node:os';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/index.js';
import { createLogger } from '../src/log/index.js';
import { httpNetworkElements } from '../src/network/http-adapter.js';
import { startNetworkSimulator } from '../src/network/simulator.js';
import { createRelay } from '../src/outbox/relay.js';
import { createZeebe } from '../src/zeebe/client.js';
import { connectJobGateway } from '../src/zeebe/gateway.js';
import { buildWorkers } from './registry.js';
import { startWorkers } from './runner.js';
import { startUserTaskInbox, USER_TASK_TYPE } from './user-task-inbox.js';

/** The workers process: every job type's worker plus an outbox relay. Stateless; run as many as needed. */
const config = loadConfig();
const log = createLogger('workers', config.LOG_LEVEL);
process.on('uncaughtException', (err) => {
  log.fatal({ err: err instanceof Error ? err.stack : String(err) }, 'uncaught exception; exiting');
  process.exitCode = 1;
  log.flush(() => process.exit(1));
});
const db = createDb(config.DATABASE_URL, { min: 0, max: config.WORKER_MAX_JOBS + 4 }, 'dispatch-workers');
const zeebe = createZeebe(config.ZEEBE_GRPC_ADDRESS);
const jobGateway = connectJobGateway(config.ZEEBE_GRPC_ADDRESS);
const relay = createRelay({
  db, zeebe, log, pollMs: config.OUTBOX_POLL_MS, httpTimeoutMs: config.HUB_TIMEOUT_MS, zeebeTimeoutMs: config.ZEEBE_CALL_TIMEOUT_MS, messageTtlMs: config.MESSAGE_TTL_MS,
});

// Without an element manager configured (a laptop, a demo) the workers bring the simulator along.
const simulator = config.NETWORK_ELEMENTS_URL ? null : await startNetworkSimulator({ latencyMs: config.NETWORK_SIMULATOR_LATENCY_MS });
if (simulator) log.warn({ url: simulator.url }, 'NETWORK_ELEMENTS_URL is not set: suspend/resume goes to the built-in network simulator');
const network = httpNetworkElements({ baseUrl: config.NETWORK_ELEMENTS_URL ?? simulator!.url, timeoutMs: config.NETWORK_TIMEOUT_MS });

const all = buildWorkers({
  db, log, now: () => new Date(), network,
  settings: {
    pendingGiveUpSeconds: config.PENDING_GIVE_UP_SECONDS,
    mergeWindowSeconds: config.ORDER_MERGE_WINDOW_SECONDS,
    faultMergeWindowSeconds: config.FAULT_MERGE_WINDOW_SECONDS,
    faultGatherSeconds: config.FAULT_GATHER_SECONDS,
    majorIncidentReports: config.FAULT_MAJOR_INCIDENT_REPORTS,
    ticketAutoCloseSeconds: config.TICKET_AUTO_CLOSE_SECONDS,
    complaintFollowUpSeconds: config.COMPLAINT_FOLLOW_UP_SECONDS,
    acceptanceRounds: config.CONSTRUCTION_ACCEPTANCE_ROUNDS,
  },
});
const wanted = config.WORKER_TASK_TYPES;
const unknown = wanted?.filter((t) => t !== USER_TASK_TYPE && !all.some((d) => d.taskType === t)) ?? [];
if (unknown.length) throw new Error(`WORKER_TASK_TYPES names unknown job types: ${unknown.join(', ')}`);
const defs = wanted ? all.filter((d) => wanted.includes(d.taskType)) : all;
const worker = `dispatch-workers-${hostname()}-${process.pid}`;
const longPollMs = config.WORKER_LONG_POLL_SECONDS * 1000;
const pollers = startWorkers(jobGateway, defs, log, { worker, maxJobs: config.WORKER_MAX_JOBS, jobTimeoutMs: config.WORKER_JOB_TIMEOUT_MS, longPollMs });
if (!wanted || wanted.includes(USER_TASK_TYPE)) {
  pollers.push(startUserTaskInbox(jobGateway, db, log, { worker, holdMs: config.USER_TASK_HOLD_SECONDS * 1000, maxJobs: config.WORKER_MAX_JOBS, longPollMs }));
}
relay.start();
log.info({ taskTypes: defs.map((d) => d.taskType) }, 'workers started');
process.send?.({ ready: true });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping: no new jobs, finishing in-flight ones');
  await Promise.all(pollers.map((p) => p.close(10_000)));
  jobGateway.close();
  await zeebe.close(10_000).catch((err) => log.warn({ err: String(err) }, 'zeebe close'));
  await relay.stop();
  await simulator?.close();
  await db.destroy();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
