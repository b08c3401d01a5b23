import type { Logger } from '../log/index.js';
import type { ActivatedJob, ActivationCall, JobGateway } from './gateway.js';

export type { ActivatedJob } from './gateway.js';

/** What a handler does with its job; each settles when the broker has taken the command. */
export interface JobActions {
  complete(variables?: Record<string, unknown>): Promise<void>;
  fail(f: { errorMessage: string; retries: number; retryBackOffMs?: number }): Promise<void>;
  error(e: { errorCode: string; errorMessage?: string; variables?: Record<string, unknown> }): Promise<void>;
}

/** Settles when the handler is done with the job; a job it neither completes nor fails stays activated until its timeout. */
export type JobHandler = (job: ActivatedJob, act: JobActions) => Promise<void>;

export interface PollOptions {
  type: string;
  /** Names this process in the broker's records of who holds a job. */
  worker: string;
  maxJobs: number;
  jobTimeoutMs: number;
  longPollMs: number;
  handle: JobHandler;
}

export interface JobPoller {
  /** Takes no more jobs, hands back any that arrive from now on, and waits up to `timeoutMs` for the handlers running. */
  close(timeoutMs?: number): Promise<void>;
}

/** Back-off after a failed activation call (gateway down, back-pressure): 0.5 s doubling to this. */
const MAX_BACKOFF_MS = 10_000;

/**
 * Keeps one activation call open for a job type while this worker has room for more jobs, and runs
 * each job handed out through its handler. The broker wakes an open call the moment a job becomes
 * activatable (tests/engine/long-poll.test.ts), so the long poll costs no latency.
 */
export function pollJobs(gateway: JobGateway, opts: PollOptions, log: Logger): JobPoller {
  let closing = false;
  let current: ActivationCall | undefined;
  const running = new Set<Promise<void>>();
  // The loop waits for one thing at a time (a free slot or a back-off), and closing ends whichever it is.
  let roomFreed: (() => void) | undefined;
  let endWait: (() => void) | undefined;
  /** Until a handler finishes (a slot is free again) or the poller closes. */
  const untilRoom = () => new Promise<void>((r) => (roomFreed = endWait = r));
  /** A back-off only closing cuts short: finished jobs must not hurry a poll the gateway pushed back. */
  const backOff = (ms: number) => new Promise<void>((r) => {
    const timer = setTimeout(r, ms).unref();
    endWait = () => { clearTimeout(timer); r(); };
  });

  const actions = (job: ActivatedJob): JobActions => ({
    complete: (variables = {}) => gateway.complete(job.key, variables),
    fail: (f) => gateway.fail(job.key, f),
    error: (e) => gateway.throwError(job.key, e),
  });

  function run(job: ActivatedJob) {
    const p = opts
      .handle(job, actions(job))
      .catch((err: unknown) => {
        // Most often NOT_FOUND: the job was cancelled with its instance, or timed out and was handed on.
        // Otherwise the job is still activated for this worker and goes out again after its timeout.
        log.warn({ taskType: opts.type, jobKey: job.key, err: err instanceof Error ? err.message : String(err) }, 'job handler failed');
      })
      .finally(() => {
        running.delete(p);
        roomFreed?.();
      });
    running.add(p);
  }

  /** A job that reaches a closing worker goes straight back, retries untouched, for another worker to take. */
  function handBack(job: ActivatedJob) {
    gateway.fail(job.key, { errorMessage: 'worker shutting down; job handed back', retries: job.retries }).catch(() => {});
  }

  async function loop() {
    let backoffMs = 0;
    while (!closing) {
      const room = opts.maxJobs - running.size;
      if (room <= 0) {
        await untilRoom();
        roomFreed = endWait = undefined;
        continue;
      }
      const call = gateway.activate({ type: opts.type, worker: opts.worker, timeoutMs: opts.jobTimeoutMs, maxJobsToActivate: room, requestTimeoutMs: opts.longPollMs });
      current = call;
      call.onJobs((jobs) => jobs.forEach((job) => (closing ? handBack(job) : run(job))));
      try {
        await call.done;
        backoffMs = 0;
      } catch (err) {
        if (closing) break;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs ? backoffMs * 2 : 500);
        log.warn({ taskType: opts.type, err: err instanceof Error ? err.message : String(err), retryInMs: backoffMs }, 'job activation failed');
        await backOff(backoffMs);
        endWait = undefined;
      } finally {
        current = undefined;
      }
    }
  }
  const looping = loop();

  return {
    async close(timeoutMs = 10_000) {
      closing = true;
      current?.cancel();
      endWait?.();
      await looping;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...running]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}
