import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { setOrderState } from '../orders/repository.js';
import { pauseClocks, resumeClocks } from '../sla/clock.js';
import { recordEvent } from '../trace/index.js';
import { releaseOrder } from './reservations.js';

type Conn = Db | Tx;

/** How many network resources of each type the order's design needs. */
export async function neededResources(conn: Conn, orderId: string): Promise<Record<string, number>> {
  const rows: { network_resource_types: string[] }[] = await conn('business_resources as b')
    .join('resource_specs as s', 's.id', 'b.resource_spec_id')
    .where('b.order_id', orderId)
    .select('s.network_resource_types');
  const needs: Record<string, number> = {};
  for (const r of rows) for (const t of r.network_resource_types) needs[t] = (needs[t] ?? 0) + 1;
  return needs;
}

/**
 * 转待装: the order waits for capacity, visible as `pending` with the reason, its clocks stopped.
 * Back in the queue it keeps its place (priority, then the order's age).
 */
export async function putPending(trx: Tx, orderId: string, reason: string, actor: string, now: Date): Promise<void> {
  const order = await trx('product_orders').where({ id: orderId }).first();
  await trx('pending_installations')
    .insert({
      order_id: orderId, area: order.area, needs: JSON.stringify(await neededResources(trx, orderId)),
      priority: order.priority, order_created_at: order.created_at, since: now, reason,
    })
    .onConflict('order_id')
    .merge({ reason, offered_at: null });
  await setOrderState(trx, orderId, 'pending', actor, reason);
  await pauseClocks(trx, orderId, now);
}

/** The order got its resources after waiting: it leaves the queue and its clocks run on. */
export async function leavePending(trx: Tx, orderId: string, actor: string, now: Date): Promise<boolean> {
  const left = await trx('pending_installations').where({ order_id: orderId }).delete();
  if (!left) return false;
  await setOrderState(trx, orderId, 'inProgress', actor, null);
  await resumeClocks(trx, orderId, now);
  return true;
}

function wake(trx: Tx, orderId: string, offers: number, why: string) {
  return enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `capacity-available:${orderId}:${offers}`,
    name: 'capacity-available',
    correlationKey: orderId,
    variables: {},
    orderId,
  }).then(() => recordEvent(trx, orderId, 'action', 'inventory', 'capacity offered', { why }));
}

/**
 * New capacity in an area is offered to the pending orders there: highest priority first, then the
 * oldest order. An order that cannot be served yet still holds on to what it would need, so later
 * orders cannot starve it. Returns the orders woken, in that order.
 */
export async function offerCapacity(trx: Tx, area: string, now: Date): Promise<string[]> {
  const waiting: { order_id: string; needs: Record<string, number>; offers: number }[] = await trx('pending_installations')
    .where({ area })
    .whereNull('offered_at')
    .orderBy('priority')
    .orderBy('order_created_at')
    .forUpdate()
    .skipLocked();
  if (waiting.length === 0) return [];
  const counts: { type: string; n: string }[] = await trx('network_resources')
    .where({ area, state: 'available' })
    .groupBy('type')
    .select('type', trx.raw('count(*) as n'));
  const free = new Map(counts.map((c) => [c.type, Number(c.n)]));
  const woken: string[] = [];
  for (const p of waiting) {
    const fits = Object.entries(p.needs).every(([type, n]) => (free.get(type) ?? 0) >= n);
    for (const [type, n] of Object.entries(p.needs)) free.set(type, Math.max(0, (free.get(type) ?? 0) - n));
    if (!fits) continue;
    await trx('pending_installations').where({ order_id: p.order_id }).update({ offered_at: now, offers: p.offers + 1 });
    await wake(trx, p.order_id, p.offers + 1, `capacity in ${area}`);
    woken.push(p.order_id);
  }
  return woken;
}

/** A dispatcher's forced retry: the order tries its design again now, whatever the counts say. */
export async function retryPending(trx: Tx, orderId: string, actor: string): Promise<boolean> {
  const p = await trx('pending_installations').where({ order_id: orderId }).forUpdate().first();
  if (!p) return false;
  await trx('pending_installations').where({ order_id: orderId }).update({ offered_at: trx.fn.now(), offers: p.offers + 1 });
  await wake(trx, orderId, p.offers + 1, `retry forced by ${actor}`);
  return true;
}

/**
 * The order is ending (rejected, failed, cancelled): it leaves the capacity queue, and what it held
 * is offered straight away to the orders waiting in its area.
 */
export async function releaseAndOffer(trx: Tx, orderId: string, now: Date): Promise<number> {
  await trx('pending_installations').where({ order_id: orderId }).delete();
  const released = await releaseOrder(trx, orderId);
  if (released > 0) {
    const order = await trx('product_orders').where({ id: orderId }).first();
    if (order?.area) await offerCapacity(trx, order.area, now);
  }
  return released;
}

/** New network resources (an inventory addition, a finished construction order) go straight to the waiting orders. */
export async function addCapacity(trx: Tx, area: string, resources: { type: string; name: string }[], now: Date) {
  const rows = await trx('network_resources')
    .insert(resources.map((r) => ({ ...r, area })))
    .returning(['id', 'type', 'area', 'name', 'state', 'business_resource_id', 'order_id']);
  const woken = await offerCapacity(trx, area, now);
  return { rows, woken };
}
