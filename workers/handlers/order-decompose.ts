import { decomposeOrder } from '../../src/catalog/decompose.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/** order.decompose — products into services into business resources, driven by catalog data. */
export const orderDecompose = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.decompose',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.decompose', orderId }, async (trx) => {
        const businessResourceIds = await decomposeOrder(trx, orderId);
        const services = await trx('order_services').where({ order_id: orderId }).pluck('service_spec_id');
        return { output: { businessResourceIds }, details: { services, businessResources: businessResourceIds.length } };
      }),
  });
