import { z } from 'zod';
import { releaseAndOffer } from '../../src/inventory/pending.js';
import { setOrderState } from '../../src/orders/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { recordEvent } from '../../src/trace/index.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

/**
 * order.merge — a duplicate of an order already in hand (R3.3) is linked to it and not fulfilled
 * twice; its state change tells the CRM which order it became part of.
 */
export const orderMerge = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.merge',
    variables: z.object({ orderId: z.string().uuid(), mergedInto: z.string().uuid() }),
    handle: async ({ orderId, mergedInto }) =>
      runStep(deps, { name: 'order.merge', orderId }, async (trx) => {
        await releaseAndOffer(trx, orderId, deps.now());
        await stopAllClocks(trx, orderId, deps.now());
        await setOrderState(trx, orderId, 'cancelled', workerActor, `merged into order ${mergedInto}: the same customer, offerings and address`, {
          merged_into: mergedInto,
        });
        await recordEvent(trx, mergedInto, 'action', workerActor, 'duplicate order merged in', { duplicate: orderId });
        return { output: {}, outcome: 'merged', details: { mergedInto } };
      }),
  });
