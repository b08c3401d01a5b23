import { decomposeOrder } from '../../src/catalog/decompose.js';
import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/**
 * order.decompose — products into services into business resources (each with the field work its
 * kind needs), from catalog data; run again for each revision an amendment makes. Outputs the
 * business resources still to provision.
 */
export const orderDecompose = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.decompose',
    variables: OrderVars,
    handle: async ({ orderId }) => {
      const { revision } = await deps.db('product_orders').where({ id: orderId }).first('revision');
      return runStep(deps, { name: 'order.decompose', orderId, scopeKey: `rev${revision}` }, async (trx) => {
        await decomposeOrder(trx, orderId);
        const businessResources = await trx('business_resources as b')
          .join('resource_specs as s', 's.id', 'b.resource_spec_id')
          .where('b.order_id', orderId)
          .whereNotIn('b.state', ['released', 'completed'])
          .orderBy('b.id')
          .select('b.id', 's.work_order_kinds as workOrderKinds');
        const services = await trx('order_services').where({ order_id: orderId }).whereNot({ state: 'released' }).pluck('service_spec_id');
        return { output: { businessResources }, details: { revision, services, businessResources: businessResources.length } };
      });
    },
  });
