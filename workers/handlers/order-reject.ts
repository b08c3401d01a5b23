import { z } from 'zod';
import { releaseAndOffer } from '../../src/inventory/pending.js';
import { abandonCancel } from '../../src/orders/cancel.js';
import { setOrderState } from '../../src/orders/repository.js';
import { stopAllClocks } from '../../src/sla/clock.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';

/** order.reject — the order ends rejected with the review's reason; nothing it held stays reserved. */
export const orderReject = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.reject',
    variables: z.object({ orderId: z.string().uuid(), rejectionReason: z.string().default('rejected by review') }),
    handle: async ({ orderId, rejectionReason }) =>
      runStep(deps, { name: 'order.reject', orderId }, async (trx) => {
        const released = await releaseAndOffer(trx, orderId, deps.now());
        await setOrderState(trx, orderId, 'rejected', workerActor, rejectionReason);
        await stopAllClocks(trx, orderId, deps.now());
        await abandonCancel(trx, orderId, 'rejected');
        return { output: {}, outcome: 'rejected', details: { reason: rejectionReason, released } };
      }),
  });
