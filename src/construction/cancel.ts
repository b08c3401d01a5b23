import type { Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { endConstruction } from './end.js';
import { hasEnded, lockConstructionOrder } from './repository.js';

/** The Zeebe message that interrupts a construction order's flow once its requester cancelled it. */
export const CONSTRUCTION_CANCELLED_MESSAGE = 'construction-cancelled';

export class ConstructionNotFound extends Error {}
export class ConstructionEnded extends Error {}

/**
 * The requester cancels a construction request. Everything is settled here, in the request's
 * transaction, not left to the flow: the order is cancelled with the reason, what it holds is taken
 * back and the requester is told — even while its flow is stuck in an incident or not yet started.
 * The flow is then told through the outbox (once per order: the message id is the order's) and
 * stops where it stands. Refused once the order has ended, archiving included: archiving takes the
 * same row lock, so a cancel either comes first or finds the order completed.
 */
export async function cancelConstruction(trx: Tx, id: string, reason: string, actor: string, now: Date): Promise<void> {
  const order = await lockConstructionOrder(trx, id);
  if (!order) throw new ConstructionNotFound(`constructionOrder ${id} does not exist`);
  if (hasEnded(order)) throw new ConstructionEnded(`the construction order is already ${order.state}`);
  await endConstruction(trx, id, { state: 'cancelled', reason, actor }, now);
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `${CONSTRUCTION_CANCELLED_MESSAGE}:${id}`,
    name: CONSTRUCTION_CANCELLED_MESSAGE,
    correlationKey: id,
    variables: {},
    orderId: id,
  });
}
