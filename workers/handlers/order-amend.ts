import { offerCapacity } from '../../src/inventory/pending.js';
import { applyAmendment } from '../../src/orders/amend.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.amend — after an amendment (追单) stopped the planning: what removed items held is given back
 * (and offered to waiting orders); the flow then plans again from the new revision.
 */
export const orderAmend = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.amend',
    variables: OrderVars,
    handle: async ({ orderId }, ctx) =>
      runStep(deps, { name: 'order.amend', orderId, scopeKey: ctx.elementInstanceKey }, async (trx) => {
        const now = deps.now();
        const applied = await applyAmendment(trx, orderId, now);
        const order = await trx('product_orders').where({ id: orderId }).first('area', 'revision');
        if (applied.releasedServices && order.area) await offerCapacity(trx, order.area, now);
        return { output: {}, outcome: `revision ${order.revision}`, details: applied };
      }),
  });
