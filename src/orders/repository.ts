import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.js';
import { writeTogether } from '../db/together.js';
import { enqueue, enqueueAll, outboxInsert } from '../outbox/index.js';
import { eventTraceInsert, recordEvent } from '../trace/index.js';
import { hubDeliveries, publishHubEvent, subscribedHubs, type Hub } from './events.js';
import { toProductOrder } from './representation.js';
import { customerOf, installationAddressOf, type OrderState, type ProductOrderCreate } from './schema.js';

type Conn = Db | Tx;

export interface OrderRow {
  id: string;
  state: OrderState;
  state_reason: string | null;
  customer_id: string;
  address_id: string | null;
  area: string | null;
  priority: number;
  order_date: string;
  completion_date: string | null;
  body: ProductOrderCreate;
  process_instance_key: string | null;
  merged_into?: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ItemRow {
  order_id: string;
  item_id: string;
  offering_id: string;
  action: string;
  quantity: number;
  state: string;
}

export class UnknownOfferingError extends Error {
  constructor(readonly offeringIds: string[]) {
    super(`unknown productOffering: ${offeringIds.join(', ')}`);
  }
}

/**
 * Stores an accepted order and asks the engine (through the outbox) to start its flow. Returns the
 * TMF representation too, built from the rows just written: reading them back (for the response,
 * and for each subscribed hub's create event) would cost three more round trips each time. The
 * CRM waits for this answer, and on a loaded machine every round trip waits for a CPU twice (the
 * database backend, then the API), so it takes two: one read, one write. The write is a single
 * statement, atomic by itself; only when a hub is subscribed does it need a transaction, for the
 * hubs' events (BEGIN, write, events, COMMIT). Given a transaction (an Idempotency-Key's), it
 * writes in that one. The read outside the write's transaction sees what the same read inside
 * it would under READ COMMITTED; the items' foreign key still refuses an offering deleted since.
 */
export async function createOrder(
  conn: Conn,
  input: ProductOrderCreate,
  createdBy: string | null,
): Promise<{ order: OrderRow; productOrder: Record<string, unknown> }> {
  const offeringIds = [...new Set(input.productOrderItem.map((i) => i.productOffering.id))];
  const [lookup] = await conn.select({
    offerings: conn('product_offerings').whereIn('id', offeringIds).select(conn.raw("coalesce(json_agg(json_build_object('id', id, 'name', name)), '[]')")),
    hubs: subscribedHubs(conn).select(conn.raw("coalesce(json_agg(json_build_object('id', id, 'callback', callback, 'query', query)), '[]')")),
  });
  const known = lookup.offerings as { id: string; name: string }[];
  const unknown = offeringIds.filter((id) => !known.some((o) => o.id === id));
  if (unknown.length) throw new UnknownOfferingError(unknown);

  const id = randomUUID();
  const addressId = installationAddressOf(input) ?? null;
  const hubs = lookup.hubs as Hub[];
  const write = async (trx: Conn) => {
    // One statement: the items reference the order inserted beside them, which their foreign key,
    // checked at the statement's end, sees.
    const [order] = await writeTogether<OrderRow>(trx, [
      trx('product_orders')
        .insert({
          id,
          state: 'acknowledged',
          customer_id: customerOf(input),
          address_id: addressId,
          area: addressId ? trx('addresses').where({ id: addressId }).select('area') : null,
          priority: input.priority ? Number(input.priority) : 4,
          category: input.category ?? null,
          description: input.description ?? null,
          external_id: input.externalId ?? null,
          order_date: new Date().toISOString(),
          body: JSON.stringify(input),
          created_by: createdBy,
        })
        .returning('*'),
      trx('product_order_items').insert(input.productOrderItem.map((i) => ({
        order_id: id,
        item_id: i.id,
        offering_id: i.productOffering.id,
        action: i.action,
        quantity: i.quantity ?? 1,
      }))),
      eventTraceInsert(trx, id, 'state', 'api', 'acknowledged'),
      outboxInsert(trx, {
        kind: 'zeebe-message',
        messageId: `order-received:${id}`,
        name: 'order-received',
        correlationKey: id,
        variables: { orderId: id },
        orderId: id,
      }),
    ]);
    // New items are all 'acknowledged' (the column's default), which is what the representation shows for an item without a row.
    const productOrder = toProductOrder(order!, [], new Map(known.map((o) => [o.id, o.name])));
    await enqueueAll(trx, hubDeliveries(hubs, id, 'ProductOrderCreateEvent', productOrder));
    return { order: order!, productOrder };
  };
  return hubs.length && !conn.isTransaction ? conn.transaction(write) : write(conn);
}

export async function getOrderRow(conn: Conn, id: string): Promise<OrderRow | undefined> {
  return conn('product_orders').where({ id }).first();
}

/**
 * The only way an order changes state: the row, the trace and the hub event are written together.
 * Returns false (and changes nothing) when the order is already in that state.
 */
export async function setOrderState(
  trx: Tx,
  orderId: string,
  state: OrderState,
  actor: string,
  reason: string | null = null,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const current = await trx('product_orders').where({ id: orderId }).forUpdate().first();
  if (!current) throw new Error(`order ${orderId} does not exist`);
  if (current.state === state) return false;
  await trx('product_orders')
    .where({ id: orderId })
    .update({ state, state_reason: reason, updated_at: trx.fn.now(), ...extra });
  // Items removed by an amendment stay cancelled whatever becomes of the order.
  const items = trx('product_order_items').where({ order_id: orderId }).whereNot({ state: 'cancelled' });
  if (['rejected', 'failed', 'completed', 'cancelled'].includes(state)) await items.update({ state });
  else if (state === 'inProgress') await items.update({ state: 'inProgress' });
  await recordEvent(trx, orderId, 'state', actor, state, reason ? { reason } : undefined);
  await publishHubEvent(trx, orderId, 'ProductOrderStateChangeEvent');
  return true;
}
