import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { setOrderState } from './repository.js';
import { productOrderPath } from './representation.js';
import { finalOrderStates, type OrderState } from './schema.js';

type Conn = Db | Tx;

export const cancelProductOrderPath = '/tmf-api/productOrderingManagement/v4/cancelProductOrder';

export interface CancelRow {
  id: string;
  order_id: string;
  state: 'acknowledged' | 'inProgress' | 'done' | 'terminatedWithError';
  cancellation_reason: string | null;
  requested_cancellation_date: string | null;
  effective_cancellation_date: string | null;
  error_message: string | null;
  created_at: Date;
}

export class OrderNotFound extends Error {}

/**
 * A cancel request (撤单). Before the point of no return the order goes assessingCancellation →
 * pendingCancellation and the flow is told to compensate; after it, or once the order has ended,
 * the cancel task ends terminatedWithError with the reason and the order carries on. The order
 * row lock decides the race with the step that sets the point of no return.
 */
export async function requestCancel(
  trx: Tx,
  input: { orderId: string; reason?: string; requestedDate?: string },
  actor: { id: string; name: string },
): Promise<CancelRow> {
  const order = await trx('product_orders').where({ id: input.orderId }).forUpdate().first();
  if (!order) throw new OrderNotFound(`productOrder ${input.orderId} does not exist`);
  const open = await trx('cancel_product_orders').where({ order_id: order.id }).whereIn('state', ['acknowledged', 'inProgress']).first();
  if (open) return open;
  const refusal = finalOrderStates.includes(order.state as OrderState)
    ? `the order is already ${order.state}`
    : order.ponr_at
      ? `the order is past the point of no return (completion archiving began at ${new Date(order.ponr_at).toISOString()})`
      : null;
  const [task] = await trx('cancel_product_orders')
    .insert({
      order_id: order.id,
      state: refusal ? 'terminatedWithError' : 'inProgress',
      cancellation_reason: input.reason ?? null,
      requested_cancellation_date: input.requestedDate ?? null,
      error_message: refusal,
      created_by: actor.id,
    })
    .returning('*');
  if (refusal) return task;
  await setOrderState(trx, order.id, 'assessingCancellation', actor.name, input.reason ?? null);
  await setOrderState(trx, order.id, 'pendingCancellation', actor.name, input.reason ?? null);
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `order-cancel-requested:${task.id}`,
    name: 'order-cancel-requested',
    correlationKey: order.id,
    variables: { cancellationReason: input.reason ?? 'cancelled by the customer' },
    orderId: order.id,
  });
  return task;
}

/** Called by the step at the point of no return, inside its transaction: is a cancel waiting? */
export async function cancelPending(trx: Tx, orderId: string): Promise<boolean> {
  await trx('product_orders').where({ id: orderId }).forUpdate().first();
  return Boolean(await trx('cancel_product_orders').where({ order_id: orderId, state: 'inProgress' }).first());
}

/** The order ended some other way (rejected, failed) while a cancel was pending: the cancel task says so. */
export async function abandonCancel(trx: Tx, orderId: string, how: string): Promise<void> {
  await trx('cancel_product_orders')
    .where({ order_id: orderId, state: 'inProgress' })
    .update({ state: 'terminatedWithError', error_message: `the order ended ${how} before it could be cancelled` });
}

export async function finishCancel(trx: Tx, orderId: string, now: Date): Promise<void> {
  await trx('cancel_product_orders')
    .where({ order_id: orderId, state: 'inProgress' })
    .update({ state: 'done', effective_cancellation_date: now.toISOString() });
}

export function toCancelProductOrder(c: CancelRow): Record<string, unknown> {
  return {
    id: c.id,
    href: `${cancelProductOrderPath}/${c.id}`,
    state: c.state,
    cancellationReason: c.cancellation_reason ?? undefined,
    requestedCancellationDate: c.requested_cancellation_date ?? undefined,
    effectiveCancellationDate: c.effective_cancellation_date ?? undefined,
    errorMessage: c.error_message ?? undefined,
    creationDate: new Date(c.created_at).toISOString(),
    productOrder: { id: c.order_id, href: `${productOrderPath}/${c.order_id}`, '@referredType': 'ProductOrder' },
    '@type': 'CancelProductOrder',
  };
}

export async function getCancel(conn: Conn, id: string): Promise<CancelRow | undefined> {
  return conn('cancel_product_orders').where({ id }).first();
}
