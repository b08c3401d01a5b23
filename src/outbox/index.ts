import type { Knex } from 'knex';
import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

export interface HttpDelivery {
  kind: 'http';
  orderingKey: string;
  url: string;
  body: unknown;
  orderId?: string | null;
}

export interface ZeebeMessageDelivery {
  kind: 'zeebe-message';
  /** Unique per message: the relay publishes it with this messageId, so a retry is deduplicated by the broker. */
  messageId: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  /** Messages sharing a key are published in the order they were written; by default each message stands alone. */
  orderingKey?: string;
  orderId?: string | null;
}

/** Completes a job nobody activated to work on it: a user task answered by its post. */
export interface ZeebeJobCompletion {
  kind: 'zeebe-complete-job';
  jobKey: string;
  variables: Record<string, unknown>;
  orderId?: string | null;
}

export type Delivery = HttpDelivery | ZeebeMessageDelivery | ZeebeJobCompletion;

function toRow(delivery: Delivery) {
  if (delivery.kind === 'http') {
    return {
      ordering_key: delivery.orderingKey,
      kind: 'http',
      destination: delivery.url,
      payload: JSON.stringify(delivery.body),
      order_id: delivery.orderId ?? null,
    };
  }
  if (delivery.kind === 'zeebe-complete-job') {
    return {
      ordering_key: `job:${delivery.jobKey}`,
      kind: 'zeebe-complete-job',
      destination: delivery.jobKey,
      payload: JSON.stringify({ variables: delivery.variables }),
      order_id: delivery.orderId ?? null,
    };
  }
  return {
    ordering_key: delivery.orderingKey ?? `msg:${delivery.messageId}`,
    kind: 'zeebe-message',
    destination: delivery.name,
    payload: JSON.stringify({ messageId: delivery.messageId, correlationKey: delivery.correlationKey, variables: delivery.variables }),
    order_id: delivery.orderId ?? null,
  };
}

/** Written in the caller's transaction: the event exists if and only if the state change does. */
export async function enqueue(conn: Conn, delivery: Delivery): Promise<void> {
  await outboxInsert(conn, delivery);
}

/** The delivery's outbox row as a statement not yet sent, to go with other writes (src/db/together.ts). */
export function outboxInsert(conn: Conn, delivery: Delivery): Knex.QueryBuilder {
  return conn('outbox').insert(toRow(delivery));
}

/** Many deliveries in one statement (a billing run's worth), in the given order. */
export async function enqueueAll(conn: Conn, deliveries: Delivery[]): Promise<void> {
  if (deliveries.length) await conn('outbox').insert(deliveries.map(toRow));
}
