import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { hubWants } from '../orders/events.js';
import { toTroubleTicket } from './representation.js';

export type TroubleTicketEventType =
  | 'TroubleTicketCreateEvent'
  | 'TroubleTicketStatusChangeEvent'
  | 'TroubleTicketResolvedEvent'
  | 'TroubleTicketAttributeValueChangeEvent';

/** TMF621 hub notifications, one outbox row per hub, in order per hub. */
export async function publishTicketEvent(trx: Tx, ticketId: string, eventType: TroubleTicketEventType): Promise<void> {
  const hubs: { id: string; callback: string; query: string | null }[] = await trx('hubs').where({ api: 'troubleTicket' });
  const targets = hubs.filter((h) => hubWants(h.query, eventType));
  if (targets.length === 0) return;
  const ticket = toTroubleTicket(await trx('trouble_tickets').where({ id: ticketId }).first(), []);
  const eventTime = new Date().toISOString();
  for (const hub of targets) {
    await enqueue(trx, {
      kind: 'http',
      orderingKey: `hub:${hub.id}`,
      url: hub.callback,
      orderId: ticketId,
      body: { eventId: randomUUID(), eventTime, eventType, event: { troubleTicket: ticket } },
    });
  }
}
