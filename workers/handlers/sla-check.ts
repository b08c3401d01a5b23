import { z } from 'zod';
import { checkDeadline } from '../../src/sla/check.js';
import { notifyJeopardy } from '../../src/sla/jeopardy.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';

/**
 * sla.check — the `sla-clock` flow's only step: raises what is due on one deadline and says when
 * to look next. Its effects are keyed on (deadline, level), so it needs no run-once record.
 */
export const slaCheck = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'sla.check',
    variables: z.object({ deadline: z.object({ id: z.string().uuid() }).passthrough() }),
    handle: async ({ deadline }) => {
      const next = await deps.db.transaction((trx) => checkDeadline(trx, deadline.id, deps.now(), notifyJeopardy));
      return { deadline: next };
    },
  });
