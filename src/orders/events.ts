import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { loadProductOrder } from './representation.js';

export type ProductOrderEventType =
  | 'ProductOrderCreateEvent'
  | 'ProductOrderStateChangeEvent'
  | 'ProductOrderAttributeValueChangeEvent'
  | 'ProductOrderJeopardyEvent';

/** Matches a hub's TMF query such as `eventType=ProductOrderStateChangeEvent`; no query means every event. */
export function hubWants(query: string | null, eventType: string): boolean {
  if (!query) return true;
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const wanted = params.get('eventType');
  return !wanted || wanted.split(',').includes(eventType);
}

/**
 * One outbox row per subscribed hub, ordered per hub so every subscriber sees events in order.
 * `productOrder`, when the caller has just built the order's representation, saves reading it back.
 */
export async function publishHubEvent(
  trx: Tx,
  orderId: string,
  eventType: ProductOrderEventType,
  extra: Record<string, unknown> = {},
  productOrder?: Record<string, unknown>,
): Promise<void> {
  const hubs: { id: string; callback: string; query: string | null }[] = await trx('hubs').where({ api: 'productOrder' });
  const targets = hubs.filter((h) => hubWants(h.query, eventType));
  if (targets.length === 0) return;
  productOrder ??= await loadProductOrder(trx, orderId);
  const eventTime = new Date().toISOString();
  for (const hub of targets) {
    await enqueue(trx, {
      kind: 'http',
      orderingKey: `hub:${hub.id}`,
      url: hub.callback,
      orderId,
      body: { eventId: randomUUID(), eventTime, eventType, event: { productOrder, ...extra } },
    });
  }
}

/**
 * A step of the order passed its pre-alarm or its limit. TMF622 v4 has no jeopardy event; this
 * extension keeps the TMF envelope and adds the alarm next to the order.
 */
export async function publishJeopardyEvent(
  trx: Tx,
  orderId: string,
  alarm: { id: string; level: string; step: string; post_id: string; raised_at: Date },
): Promise<void> {
  await publishHubEvent(trx, orderId, 'ProductOrderJeopardyEvent', {
    alarm: { id: alarm.id, level: alarm.level, step: alarm.step, post: alarm.post_id, raisedAt: new Date(alarm.raised_at).toISOString() },
  });
}
