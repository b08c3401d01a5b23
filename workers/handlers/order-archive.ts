import { defineWorker } from '../define.js';
import type { WorkerDeps } from '../deps.js';
import { runStep } from '../step.js';
import { OrderVars } from './order-accept.js';

/** order.archive — completion archive (R2): billing start per product, resource assignments, the SLA record. */
export const orderArchive = (deps: WorkerDeps) =>
  defineWorker({
    taskType: 'order.archive',
    variables: OrderVars,
    handle: async ({ orderId }) =>
      runStep(deps, { name: 'order.archive', orderId }, async (trx) => {
        const now = deps.now();
        const order = await trx('product_orders').where({ id: orderId }).first();
        const items = await trx('product_order_items').where({ order_id: orderId }).whereIn('action', ['add', 'modify']).whereNot({ state: 'cancelled' });
        if (items.length) {
          await trx('billing_records')
            .insert(items.map((i) => ({ order_id: orderId, item_id: i.item_id, customer_id: order.customer_id, offering_id: i.offering_id, billing_start: now })))
            .onConflict(['order_id', 'item_id']).ignore();
        }
        const assigned = await trx('network_resources').where({ order_id: orderId, state: 'assigned' });
        if (assigned.length) {
          await trx('resource_assignment_records')
            .insert(assigned.map((r) => ({
              order_id: orderId, business_resource_id: r.business_resource_id, network_resource_id: r.id,
              network_resource_type: r.type, network_resource_name: r.name, assigned_at: r.updated_at,
            })))
            .onConflict(['order_id', 'network_resource_id']).ignore();
        }
        const steps = await trx('trace_events').where({ order_id: orderId, kind: 'step' }).count({ count: '*' }).first();
        const accepted = new Date(order.created_at);
        await trx('sla_records')
          .insert({
            order_id: orderId, accepted_at: accepted, completed_at: now,
            duration_seconds: Math.round((now.getTime() - accepted.getTime()) / 1000), step_count: Number(steps?.count ?? 0),
          })
          .onConflict('order_id').ignore();
        return { output: {}, details: { billingRecords: items.length, resourceAssignments: assigned.length } };
      }),
  });
