import { assignFor } from '../../src/inventory/reservations.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { z } from 'zod';

/** resource.complete — field work done: reserved resources go into service, and completion rolls up to the service. */
export const resourceComplete = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'resource.complete',
    variables: z.object({ orderId: z.string().uuid(), businessResourceId: z.string().uuid() }),
    handle: async ({ orderId, businessResourceId }) =>
      runStep(deps, { name: 'resource.complete', orderId, scopeKey: businessResourceId }, async (trx) => {
        const assigned = await assignFor(trx, businessResourceId);
        const [br] = await trx('business_resources').where({ id: businessResourceId }).update({ state: 'completed' }).returning('service_id');
        const open = await trx('business_resources').where({ service_id: br.service_id }).whereNot({ state: 'completed' }).first();
        if (!open) await trx('order_services').where({ id: br.service_id }).update({ state: 'completed' });
        return { output: {}, details: { assigned: assigned.map((r) => `${r.type} ${r.name}`) } };
      }),
  });
