import type { z } from 'zod';
import type { Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { recordEvent } from '../trace/index.js';
import { publishHubEvent } from './events.js';
import { UnknownOfferingError } from './repository.js';
import { finalOrderStates, type OrderState, type ProductOrderItemCreate } from './schema.js';

type Item = z.infer<typeof ProductOrderItemCreate>;

export class AmendRefused extends Error {}

export interface ItemDelta {
  added: string[];
  removed: string[];
}

const sameItem = (a: Item, b: Item) =>
  a.productOffering.id === b.productOffering.id && a.action === b.action && (a.quantity ?? 1) === (b.quantity ?? 1);

/**
 * 追单: the customer changes the items of an order in flight. The delta per item is recorded as a
 * new revision and the flow is told to plan again; untouched items keep their reservations and
 * their crews' work. After the point of no return, or for an item already in service, it is refused.
 * A changed item is refused too: removing it and adding the new one keeps each item's history whole.
 */
export async function amendOrder(trx: Tx, orderId: string, items: Item[], actor: string): Promise<ItemDelta | undefined> {
  const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
  if (!order) return undefined;
  if (finalOrderStates.includes(order.state as OrderState) || ['assessingCancellation', 'pendingCancellation'].includes(order.state)) {
    throw new AmendRefused(`an order that is ${order.state} cannot be amended`);
  }
  if (order.ponr_at) throw new AmendRefused('the order is past the point of no return: completion archiving has begun');

  const current = (order.body.productOrderItem as Item[]);
  const cancelled = new Set(await trx('product_order_items').where({ order_id: orderId, state: 'cancelled' }).pluck('item_id'));
  const before = new Map(current.filter((i) => !cancelled.has(i.id)).map((i) => [i.id, i]));
  const after = new Map(items.map((i) => [i.id, i]));
  const changed = [...after.keys()].filter((id) => before.has(id) && !sameItem(before.get(id)!, after.get(id)!));
  if (changed.length) throw new AmendRefused(`items ${changed.join(', ')} changed: remove an item and add the new one under a new id`);
  const reused = [...after.keys()].filter((id) => cancelled.has(id));
  if (reused.length) throw new AmendRefused(`item ids ${reused.join(', ')} belong to removed items: use new ids`);
  const delta: ItemDelta = {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
  };
  if (!delta.added.length && !delta.removed.length) return delta;

  const offeringIds = [...new Set(delta.added.map((id) => after.get(id)!.productOffering.id))];
  const known = offeringIds.length ? await trx('product_offerings').whereIn('id', offeringIds).pluck('id') : [];
  const unknown = offeringIds.filter((id) => !known.includes(id));
  if (unknown.length) throw new UnknownOfferingError(unknown);
  const installed = delta.removed.length
    ? await trx('order_services').where({ order_id: orderId, state: 'completed' }).whereIn('item_id', delta.removed).pluck('item_id')
    : [];
  if (installed.length) throw new AmendRefused(`items ${[...new Set(installed)].join(', ')} are already in service: cease them with a new order`);

  const revision = order.revision + 1;
  await trx('product_orders').where({ id: orderId }).update({
    body: JSON.stringify({ ...order.body, productOrderItem: [...current.filter((i) => !before.has(i.id) || after.has(i.id)), ...delta.added.map((id) => after.get(id)!)] }),
    revision,
    updated_at: trx.fn.now(),
  });
  if (delta.added.length) {
    await trx('product_order_items').insert(delta.added.map((id) => {
      const i = after.get(id)!;
      return { order_id: orderId, item_id: id, offering_id: i.productOffering.id, action: i.action, quantity: i.quantity ?? 1, state: 'inProgress' };
    }));
  }
  if (delta.removed.length) await trx('product_order_items').where({ order_id: orderId }).whereIn('item_id', delta.removed).update({ state: 'cancelled' });
  await trx('order_revisions').insert({ order_id: orderId, revision, delta: JSON.stringify(delta), amended_by: actor });
  await recordEvent(trx, orderId, 'action', actor, 'amended', { revision, ...delta });
  await publishHubEvent(trx, orderId, 'ProductOrderAttributeValueChangeEvent');
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `order-amended:${orderId}:${revision}`,
    name: 'order-amended',
    correlationKey: orderId,
    variables: {},
    orderId,
  });
  return delta;
}

/**
 * The flow stopped planning for the amendment: what the removed items had is compensated —
 * reservations released, open work orders cancelled — except a main service another item's add-on
 * still rides on, which that item takes over. Everything else stays as it is.
 */
export async function applyAmendment(trx: Tx, orderId: string, now: Date): Promise<{ releasedServices: number; cancelledWorkOrders: number }> {
  const removedItems: string[] = await trx('product_order_items').where({ order_id: orderId, state: 'cancelled' }).pluck('item_id');
  let releasedServices = 0;
  let cancelledWorkOrders = 0;
  if (removedItems.length) {
    const services = await trx('order_services').where({ order_id: orderId }).whereIn('item_id', removedItems).whereNot({ state: 'released' });
    for (const s of services) {
      if (s.role === 'main') {
        const rider = await trx('order_services as a')
          .join('product_order_items as i', function join() {
            this.on('i.order_id', '=', 'a.order_id').andOn('i.item_id', '=', 'a.item_id');
          })
          .where({ 'a.main_service_id': s.id })
          .whereNot('i.state', 'cancelled')
          .select('a.item_id')
          .first();
        if (rider) {
          await trx('order_services').where({ id: s.id }).update({ item_id: rider.item_id });
          continue;
        }
      }
      const brs: string[] = await trx('business_resources').where({ service_id: s.id }).pluck('id');
      await trx('network_resources')
        .whereIn('business_resource_id', brs)
        .where({ state: 'reserved' })
        .update({ state: 'available', business_resource_id: null, order_id: null, updated_at: now });
      cancelledWorkOrders += await trx('work_orders')
        .whereIn('business_resource_id', brs)
        .whereIn('state', ['acknowledged', 'inProgress', 'held'])
        .update({ state: 'cancelled', closed_at: now, note: 'the item was removed from the order' });
      await trx('business_resources').whereIn('id', brs).update({ state: 'released' });
      await trx('order_services').where({ id: s.id }).update({ state: 'released' });
      releasedServices++;
    }
  }
  await trx('order_revisions').where({ order_id: orderId }).whereNull('applied_at').update({ applied_at: now });
  return { releasedServices, cancelledWorkOrders };
}

/**
 * 催单: the customer urges the order. Its priority goes up one step, every post working one of its
 * running steps gets a notice, and the chase is in the trace.
 */
export async function chaseOrder(trx: Tx, orderId: string, note: string, actor: string) {
  const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
  if (!order) return undefined;
  if (finalOrderStates.includes(order.state as OrderState)) throw new AmendRefused(`the order is already ${order.state}`);
  const priority = Math.max(0, order.priority - 1);
  await trx('product_orders').where({ id: orderId }).update({ priority, updated_at: trx.fn.now() });
  const posts: string[] = await trx('deadlines').where({ subject_id: orderId }).whereNot({ state: 'done' }).distinct('post_id').pluck('post_id');
  const notify = posts.length ? posts : ['dispatch-desk'];
  await trx('post_notifications').insert(notify.map((post) => ({
    post_id: post, subject_id: orderId, kind: 'chase', message: `The customer chased order ${orderId}: ${note}`,
  })));
  await recordEvent(trx, orderId, 'action', actor, 'chased', { note, priority, notified: notify });
  return { orderId, priority, notifiedPosts: notify };
}
