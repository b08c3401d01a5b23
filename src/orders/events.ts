import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.js';
import { enqueueAll, type Delivery } from '../outbox/index.js';
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

export interface Hub {
  id: string;
  callback: string;
  query: string | null;
}

/** The hubs subscribed to product orders, as a query not yet sent: createOrder reads it along with other things. */
export const subscribedHubs = (conn: Db | Tx) => conn('hubs').where({ api: 'productOrder' });

/** One delivery per hub that wants this event, ordered per hub so every subscriber sees events in order. */
export function hubDeliveries(
  hubs: Hub[],
  orderId: string,
  eventType: ProductOrderEventType,
  productOrder: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
): Delivery[] {
  const eventTime = new Date().toISOString();
  return hubs.filter((h) => hubWants(h.query, eventType)).map((hub) => ({
    kind: 'http',
    orderingKey: `hub:${hub.id}`,
    url: hub.callback,
    orderId,
    body: { eventId: randomUUID(), eventTime, eventType, event: { productOrder, ...extra } },
  }));
}

/**
 * One outbox row per subscribed hub. `productOrder`, when the caller has just built the order's
 * representation, saves reading it back.
 */
export async function publishHubEvent(
  trx: Tx,
  orderId: string,
  eventType: ProductOrderEventType,
  extra: Record<string, unknown> = {},
  productOrder?: Record<string, unknown>,
): Promise<void> {
  const hubs: Hub[] = await subscribedHubs(trx).select('id', 'callback', 'query');
  if (!hubs.some((h) => hubWants(h.query, eventType))) return;
  await enqueueAll(trx, hubDeliveries(hubs, orderId, eventType, productOrder ?? (await loadProductOrder(trx, orderId)), extra));
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
