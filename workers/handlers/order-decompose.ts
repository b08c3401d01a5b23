import { decomposeOrder } from '../../src/catalog/decompose.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/** order.decompose — products into services into business resources (each with the field work its kind needs), from catalog data. */
export const orderDecompose = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.decompose',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.decompose', orderId }, async (trx) => {
        await decomposeOrder(trx, orderId);
        const businessResources = await trx('business_resources as b')
          .join('resource_specs as s', 's.id', 'b.resource_spec_id')
          .where('b.order_id', orderId)
          .orderBy('b.id')
          .select('b.id', 's.work_order_kinds as workOrderKinds');
        const services = await trx('order_services').where({ order_id: orderId }).pluck('service_spec_id');
        return { output: { businessResources }, details: { services, businessResources: businessResources.length } };
      }),
  });
