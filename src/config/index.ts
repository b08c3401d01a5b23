import { z } from 'zod';

/**
 * Configuration is read and validated once, at start; everything below receives the parsed
 * object rather than reading process.env itself.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url(),
  ZEEBE_GRPC_ADDRESS: z.string().default('grpc://localhost:26500'),
  ZEEBE_REST_ADDRESS: z.string().default('http://localhost:8080'),
  ADMIN_API_KEY: z.string().min(16).optional(),
  /** An API key's lookup is reused this long, so a revoked key still works for up to this long; 0: no reuse. */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_MAX_JOBS: z.coerce.number().int().positive().default(32),
  WORKER_JOB_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * How long a worker's activation request waits for jobs. The broker answers a waiting request as
   * soon as a job of its type becomes activatable — created, failed with retries and no back-off
   * (how workers/runner.ts fails), timed out, or retried from an incident (tests/engine/long-poll.test.ts) —
   * so either length costs no latency. 30 s, not 2: fewer idle calls from ~20 job types. Since the
   * workers poll through src/zeebe/gateway.ts, a call ends only when the gateway ends it; with the
   * SDK's worker, an answer later than the poll + 1 s was dropped and its batch of jobs stalled
   * until the job timeout (tests/src/zeebe/job-poller.test.ts; bench/findings.md, sessions 12–14).
   */
  WORKER_LONG_POLL_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** A call to the broker the outbox relay makes (publish a message, complete a job) is given up after this; the row is tried again. */
  ZEEBE_CALL_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Comma-separated job types this worker process takes (default: all) — a pool per job type scales separately. */
  WORKER_TASK_TYPES: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((t) => t.trim()).filter(Boolean) : null)),
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(250),
  HUB_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** An order waiting for capacity (转待装) fails after this long without any. */
  PENDING_GIVE_UP_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  /** A second order for the same customer, offerings and address within this window is merged into the first (R3.3). */
  ORDER_MERGE_WINDOW_SECONDS: z.coerce.number().int().min(0).default(24 * 3600),
  // Fault repair: reports on one failed element within this window join one master ticket (R3.3) …
  FAULT_MERGE_WINDOW_SECONDS: z.coerce.number().int().min(0).default(4 * 3600),
  // … which waits this long for more reports (and for flapping alarms to clear) before dispatching.
  FAULT_GATHER_SECONDS: z.coerce.number().int().min(0).default(120),
  FAULT_MAJOR_INCIDENT_REPORTS: z.coerce.number().int().min(2).default(10),
  // A resolved ticket the customer neither confirms nor reopens closes by itself.
  TICKET_AUTO_CLOSE_SECONDS: z.coerce.number().int().positive().default(72 * 3600),
  // How long the user-task inbox holds a user task's job before taking it in again (see workers/user-task-inbox.ts).
  USER_TASK_HOLD_SECONDS: z.coerce.number().int().positive().default(600),
  COMPLAINT_FOLLOW_UP_SECONDS: z.coerce.number().int().positive().default(24 * 3600),
  /** A construction site that fails its acceptance test this many times goes to the exception queue instead of being rebuilt again. */
  CONSTRUCTION_ACCEPTANCE_ROUNDS: z.coerce.number().int().min(1).default(3),
  /** Messages wait this long in the broker for a subscription (e.g. a crew closing before the catch event opens). */
  MESSAGE_TTL_MS: z.coerce.number().int().positive().default(24 * 3600_000),
  /** The element manager suspend/resume talks to; unset, the workers run the network simulator themselves. */
  NETWORK_ELEMENTS_URL: z.string().url().optional(),
  /** A network element that has not answered by then is treated as failed (the job retries); keep it well under WORKER_JOB_TIMEOUT_MS. */
  NETWORK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** Latency of the built-in network simulator, per element command. */
  NETWORK_SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(20),
});

export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
