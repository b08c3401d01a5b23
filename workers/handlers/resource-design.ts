import { z } from 'zod';
import { NoCapacityError, reserveFor } from '../../src/inventory/reservations.js';
import { BusinessError, defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';

export const ResourceVars = z.object({ orderId: z.string().uuid(), businessResourceId: z.string().uuid() });

/** resource.design — reserves the network resources that will carry one business resource. */
export const resourceDesign = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'resource.design',
    variables: ResourceVars,
    handle: async ({ orderId, businessResourceId }) => {
      try {
        return await runStep(deps, { name: 'resource.design', orderId, scopeKey: businessResourceId }, async (trx) => {
          const br = await trx('business_resources as b')
            .join('resource_specs as s', 's.id', 'b.resource_spec_id')
            .join('product_orders as o', 'o.id', 'b.order_id')
            .where('b.id', businessResourceId)
            .select('b.id', 's.id as spec', 's.network_resource_types', 's.work_order_kinds', 'o.area')
            .first();
          if (!br) throw new Error(`business resource ${businessResourceId} does not exist`);
          const reserved = await reserveFor(trx, businessResourceId, orderId, br.area, br.network_resource_types);
          await trx('business_resources').where({ id: businessResourceId }).update({ state: 'designed' });
          return {
            output: { workOrderKinds: br.work_order_kinds as string[] },
            details: { resourceSpec: br.spec, reserved: reserved.map((r) => `${r.type} ${r.name}`) },
          };
        });
      } catch (err) {
        if (err instanceof NoCapacityError) {
          throw new BusinessError('NO_CAPACITY', err.message, { failureReason: err.message });
        }
        throw err;
      }
    },
  });
