import { z } from 'zod';
import type { Db } from '../src/db/index.js';
import type { Logger } from '../src/log/index.js';
import { filePostTask } from '../src/post-tasks/repository.js';
import type { JobGateway } from '../src/zeebe/gateway.js';
import { pollJobs } from '../src/zeebe/job-poller.js';

/** Zeebe's job type for a job-based BPMN user task. */
export const USER_TASK_TYPE = 'io.camunda.zeebe:userTask';

const Headers = z.object({
  'io.camunda.zeebe:candidateGroups': z.string().transform((v, ctx) => {
    const groups = z.array(z.string().min(1)).min(1).safeParse(JSON.parse(v));
    if (!groups.success) ctx.addIssue({ code: 'custom', message: 'candidateGroups must name one post' });
    return groups.success ? (groups.data[0] ?? '') : '';
  }),
  'io.camunda.zeebe:formKey': z.string().min(1),
});

const subjectOf = (vars: Record<string, unknown>) =>
  [vars.ticketId, vars.constructionOrderId, vars.orderId].find((v): v is string => typeof v === 'string') ?? null;

/**
 * Takes the flows' user tasks in, as Camunda's Tasklist does, and files each for its post; the
 * post's answer completes the job later through the API; the handler leaves it activated.
 *
 * The hold is short on purpose: a job handed to a worker that died before filing it would
 * otherwise be invisible until its timeout. It is simply taken in again after each hold, and
 * filing a task twice changes nothing.
 */
export function startUserTaskInbox(gateway: JobGateway, db: Db, log: Logger, opts: { worker: string; holdMs: number; maxJobs: number; longPollMs: number }) {
  return pollJobs(gateway, {
    type: USER_TASK_TYPE,
    worker: opts.worker,
    maxJobs: opts.maxJobs,
    jobTimeoutMs: opts.holdMs,
    longPollMs: opts.longPollMs,
    handle: async (job, act) => {
      const headers = Headers.safeParse(job.customHeaders);
      if (!headers.success) {
        const message = `user task ${job.elementId} needs one candidate group (the post) and a form key`;
        log.error({ jobKey: job.key, elementId: job.elementId }, message);
        return act.fail({ errorMessage: message, retries: 0 });
      }
      try {
        await filePostTask(db, {
          key: job.key,
          elementInstanceKey: job.elementInstanceKey,
          processInstanceKey: job.processInstanceKey,
          bpmnProcessId: job.bpmnProcessId,
          elementId: job.elementId,
          post: headers.data['io.camunda.zeebe:candidateGroups'],
          formKey: headers.data['io.camunda.zeebe:formKey'],
          subjectId: subjectOf(job.variables),
          variables: job.variables,
        });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.error({ jobKey: job.key, err: message }, 'user task could not be filed');
        return act.fail({ errorMessage: message, retries: Math.max(0, job.retries - 1) });
      }
    },
  }, log);
}
