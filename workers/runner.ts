import type { Logger } from '../src/log/index.js';
import type { JobGateway } from '../src/zeebe/gateway.js';
import { pollJobs } from '../src/zeebe/job-poller.js';
import { BusinessError, NeedsPerson, type WorkerDefinition } from './define.js';

export interface RunnerOptions {
  /** Names this process in the broker's records of who holds a job. */
  worker: string;
  maxJobs: number;
  jobTimeoutMs: number;
  longPollMs: number;
}

/** Backoff before Zeebe hands a failed job out again: 1 s, 2 s, 4 s … capped at a minute. */
export const retryBackoffMs = (retriesLeft: number, configured = 3) =>
  Math.min(60_000, 1000 * 2 ** Math.max(0, configured - retriesLeft));

/**
 * Binds worker definitions to the broker. Outcomes: invalid variables or NeedsPerson → incident at
 * once (a retry cannot fix them); BusinessError → BPMN error for the diagram to catch; anything else → fail
 * with one retry fewer after a back-off, ending in an incident when retries run out.
 */
export function startWorkers(gateway: JobGateway, defs: WorkerDefinition[], log: Logger, opts: RunnerOptions) {
  return defs.map((def) =>
    pollJobs(gateway, {
      type: def.taskType,
      worker: opts.worker,
      maxJobs: opts.maxJobs,
      jobTimeoutMs: opts.jobTimeoutMs,
      longPollMs: opts.longPollMs,
      handle: async (job, act) => {
        const orderId = (job.variables as { orderId?: string }).orderId;
        const jobLog = log.child({ taskType: def.taskType, jobKey: job.key, processInstanceKey: job.processInstanceKey, orderId });
        const parsed = def.variables.safeParse(job.variables);
        if (!parsed.success) {
          const message = `invalid job variables: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
          jobLog.error(message);
          return act.fail({ errorMessage: message, retries: 0 });
        }
        try {
          const output = await def.handle(parsed.data, {
            jobKey: job.key,
            processInstanceKey: job.processInstanceKey,
            elementInstanceKey: job.elementInstanceKey,
            retries: job.retries,
            log: jobLog,
          });
          jobLog.debug('job completed');
          return act.complete(output ?? {});
        } catch (err) {
          if (err instanceof BusinessError) {
            jobLog.info({ errorCode: err.code, reason: err.message }, 'business outcome');
            return act.error({ errorCode: err.code, errorMessage: err.message, variables: err.variables });
          }
          const message = err instanceof Error ? err.message : String(err);
          if (err instanceof NeedsPerson) {
            jobLog.warn({ reason: message }, 'a person must decide; incident raised');
            return act.fail({ errorMessage: message.slice(0, 4000), retries: 0 });
          }
          const retries = Math.max(0, job.retries - 1);
          jobLog.warn({ err: message, retriesLeft: retries }, retries ? 'job failed; will retry' : 'job failed; incident raised');
          // The back-off is waited out here, not handed to the broker: Zeebe 8.6 sometimes never
          // re-activates a job failed with a retry back-off (camunda/camunda#16884), and the order
          // would then hang without ever becoming an incident.
          if (retries > 0) await new Promise((r) => setTimeout(r, retryBackoffMs(retries)));
          return act.fail({ errorMessage: message.slice(0, 4000), retries });
        }
      },
    }, log),
  );
}
