import { z } from 'zod';
import { offerCapacity, putPending } from '../../src/inventory/pending.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

/**
 * order.pend — 转待装: no capacity for the design, so the order waits in the area's queue
 * (pending, with the reason, clocks paused) until capacity is offered or it has waited too long.
 */
export const orderPend = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.pend',
    variables: z.object({ orderId: z.string().uuid(), failureReason: z.string().nullish() }),
    handle: async ({ orderId, failureReason }, ctx) =>
      // Keyed on the activation: an order can go pending again after a failed retry.
      runStep(deps, { name: 'order.pend', orderId, scopeKey: ctx.elementInstanceKey }, async (trx) => {
        const now = deps.now();
        const reason = failureReason ?? 'no capacity';
        await putPending(trx, orderId, reason, workerActor, now);
        // What a racing design held a moment ago and then rolled back is free again: offer it now.
        const { area } = await trx('product_orders').where({ id: orderId }).first('area');
        if (area) await offerCapacity(trx, area, now);
        const pendingGiveUpAt = new Date(now.getTime() + deps.settings.pendingGiveUpSeconds * 1000).toISOString();
        return { output: { pendingGiveUpAt }, outcome: 'pending', details: { reason, giveUpAt: pendingGiveUpAt } };
      }),
  });
