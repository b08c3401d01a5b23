import { leavePending } from '../../src/inventory/pending.js';
import { NoCapacityError, reserveForOrder } from '../../src/inventory/reservations.js';
import { BusinessError, defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep, workerActor } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.design — resource dispatch design: reserves the network resources for every business
 * resource of the order in one transaction. All or nothing, so two orders racing for the last
 * port cannot each take half of what they need and both fail.
 */
export const orderDesign = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.design',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      const { revision } = await deps.db('product_orders').where({ id: orderId }).first('revision');
      try {
        return await runStep(deps, { name: 'order.design', orderId, scopeKey: `rev${revision}` }, async (trx) => {
          const order = await trx('product_orders').where({ id: orderId }).first();
          const brs = await trx('business_resources as b')
            .join('resource_specs as s', 's.id', 'b.resource_spec_id')
            .where('b.order_id', orderId)
            .whereNot('b.state', 'released')
            .orderBy('b.id')
            .select('b.id', 's.id as spec', 's.network_resource_types');
          const got = await reserveForOrder(trx, orderId, order.area, brs.map((b) => ({ businessResourceId: b.id, types: b.network_resource_types })));
          const specOf = new Map(brs.map((b) => [b.id, b.spec]));
          const reserved = got.map((r) => `${specOf.get(r.businessResourceId)}: ${r.type} ${r.name}`);
          await trx('business_resources').where({ order_id: orderId, state: 'planned' }).update({ state: 'designed' });
          const waited = await leavePending(trx, orderId, workerActor, deps.now());
          return { output: {}, details: { reserved, afterWaiting: waited } };
        });
      } catch (err) {
        if (err instanceof NoCapacityError) {
          throw new BusinessError('NO_CAPACITY', err.message, { failureReason: err.message });
        }
        throw err;
      }
    },
  });
