import { leavePending } from '../../src/inventory/pending.js';
import { NoCapacityError, reserveFor } from '../../src/inventory/reservations.js';
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
      try {
        return await runStep(deps, { name: 'order.design', orderId }, async (trx) => {
          const order = await trx('product_orders').where({ id: orderId }).first();
          const brs = await trx('business_resources as b')
            .join('resource_specs as s', 's.id', 'b.resource_spec_id')
            .where('b.order_id', orderId)
            .orderBy('b.id')
            .select('b.id', 's.id as spec', 's.network_resource_types');
          const reserved: string[] = [];
          for (const br of brs) {
            const got = await reserveFor(trx, br.id, orderId, order.area, br.network_resource_types);
            reserved.push(...got.map((r) => `${br.spec}: ${r.type} ${r.name}`));
          }
          await trx('business_resources').where({ order_id: orderId }).update({ state: 'designed' });
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
