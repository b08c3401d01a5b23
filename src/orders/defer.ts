import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { pauseClocks, resumeClocks } from '../sla/clock.js';
import { setOrderState } from './repository.js';
import type { OrderState } from './schema.js';

export class DeferRefused extends Error {}

const deferrable: OrderState[] = ['acknowledged', 'inProgress', 'pending', 'held'];

/**
 * 缓装: the customer postpones installation to a date. The order is `held`, its open work orders are
 * suspended (crews see them held), its clocks stop, and the flow waits for the date (or an earlier
 * resume) before dispatching anything new. Deferring a held order again moves the date.
 */
export async function deferOrder(trx: Tx, orderId: string, until: Date, reason: string, actor: string, now: Date) {
  const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
  if (!order) return undefined;
  if (!deferrable.includes(order.state) || order.ponr_at) {
    throw new DeferRefused(`an order that is ${order.ponr_at ? 'past the point of no return' : order.state} cannot be deferred`);
  }
  if (until <= now) throw new DeferRefused('the deferral date must be in the future');
  if (order.state !== 'held') {
    await trx('product_orders').where({ id: orderId }).update({ held_from_state: order.state });
    await trx('work_orders')
      .where({ order_id: orderId })
      .whereIn('state', ['acknowledged', 'inProgress'])
      .update({ held_from_state: trx.ref('state'), state: 'held' });
    // A pending order's clock already stands still; only running clocks stop here.
    await pauseClocks(trx, orderId, now, until);
  }
  await trx('product_orders').where({ id: orderId }).update({ held_until: until });
  await setOrderState(trx, orderId, 'held', actor, reason);
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `order-deferred:${orderId}:${until.toISOString()}`,
    name: 'order-deferred',
    correlationKey: orderId,
    variables: { deferredUntil: until.toISOString() },
    orderId,
  });
  return trx('product_orders').where({ id: orderId }).first();
}

/**
 * The hold ends — on its date (`due` only resumes an order whose date has come, so a deferral moved
 * later is left alone) or earlier on request. Everything goes back to how it was before the hold.
 */
export async function resumeOrder(trx: Tx, orderId: string, actor: string, now: Date, opts: { dueOnly: boolean }) {
  const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
  if (!order || order.state !== 'held') return false;
  if (opts.dueOnly && order.held_until && new Date(order.held_until) > now) return false;
  const back = (order.held_from_state ?? 'inProgress') as OrderState;
  await trx('work_orders')
    .where({ order_id: orderId, state: 'held' })
    .update({ state: trx.raw("coalesce(held_from_state, 'acknowledged')"), held_from_state: null });
  await trx('product_orders').where({ id: orderId }).update({ held_until: null, held_from_state: null });
  await setOrderState(trx, orderId, back, actor, null);
  if (back !== 'pending') await resumeClocks(trx, orderId, now);
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `order-resumed:${orderId}:${now.toISOString()}`,
    name: 'order-resumed',
    correlationKey: orderId,
    variables: {},
    orderId,
  });
  return true;
}

/** What the work-order flow needs to know before dispatching: is the order on hold, and until when? */
export async function holdOf(conn: Db | Tx, orderId: string, now: Date): Promise<string | null> {
  const order = await conn('product_orders').where({ id: orderId }).first('state', 'held_until');
  if (!order || order.state !== 'held') return null;
  // The date has come but the resume step has not run yet: look again in a moment.
  const until = order.held_until && new Date(order.held_until) > now ? new Date(order.held_until) : new Date(now.getTime() + 2000);
  return until.toISOString();
}
