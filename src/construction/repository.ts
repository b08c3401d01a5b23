import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { recordEvent } from '../trace/index.js';
import { finalConstructionStates, type ConstructionOrderCreate, type ConstructionState } from './schema.js';

type Conn = Db | Tx;

export const constructionOrderPath = '/api/v1/constructionOrders';

/** The Zeebe message that starts a `construction` instance. */
export const CONSTRUCTION_MESSAGE = 'construction-requested';

export interface ConstructionOrderRow {
  id: string;
  external_id: string | null;
  source: string;
  title: string;
  description: string | null;
  area: string;
  priority: number;
  requested_capacity: { type: string; quantity: number }[];
  callback_url: string | null;
  state: ConstructionState;
  state_reason: string | null;
  process_instance_key: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
}

export interface SiteRow {
  id: string;
  construction_order_id: string;
  code: string;
  area: string;
  resources: { type: string; name: string }[];
  state: 'planned' | 'archived';
  archived_at: Date | null;
}

export class UnknownAreaError extends Error {
  constructor(readonly area: string) {
    super(`unknown area ${area}`);
  }
}

/** Stores the request and, in the same transaction, asks the engine to start its flow: no request is lost between the two. */
export async function createConstructionOrder(trx: Tx, input: ConstructionOrderCreate, createdBy: string | null): Promise<ConstructionOrderRow> {
  if (!(await trx('areas').where({ code: input.area }).first('code'))) throw new UnknownAreaError(input.area);
  const id = randomUUID();
  const [row] = await trx('construction_orders')
    .insert({
      id,
      external_id: input.externalId ?? null,
      source: input.source,
      title: input.title,
      description: input.description ?? null,
      area: input.area,
      priority: input.priority,
      requested_capacity: JSON.stringify(input.requestedCapacity),
      callback_url: input.callbackUrl ?? null,
      state: 'acknowledged',
      created_by: createdBy,
    })
    .returning('*');
  await recordEvent(trx, id, 'state', 'api', 'acknowledged', { source: input.source });
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `${CONSTRUCTION_MESSAGE}:${id}`,
    name: CONSTRUCTION_MESSAGE,
    correlationKey: id,
    variables: { constructionOrderId: id },
    orderId: id,
  });
  return row;
}

export async function mustGetConstructionOrder(conn: Conn, id: string): Promise<ConstructionOrderRow> {
  const row = await conn('construction_orders').where({ id }).first();
  if (!row) throw new Error(`construction order ${id} does not exist`);
  return row;
}

/**
 * The order under its row lock. Cancelling, aborting, archiving and reserving take it first, so
 * none of them can cross the order's end.
 */
export async function lockConstructionOrder(trx: Tx, id: string): Promise<ConstructionOrderRow | undefined> {
  return trx('construction_orders').where({ id }).forUpdate().first();
}

export const hasEnded = (order: Pick<ConstructionOrderRow, 'state'>) => finalConstructionStates.includes(order.state);

/**
 * The only way a construction order changes state: the row and the trace together, and for an
 * outcome the requester's callback through the outbox. No change when it is already in that state
 * or has ended: a step that was under way when the order was cancelled must not bring it back.
 */
export async function setConstructionState(
  trx: Tx,
  id: string,
  state: ConstructionState,
  actor: string,
  reason: string | null = null,
): Promise<boolean> {
  const current = await lockConstructionOrder(trx, id);
  if (!current) throw new Error(`construction order ${id} does not exist`);
  if (current.state === state || hasEnded(current)) return false;
  const completedAt = finalConstructionStates.includes(state) ? trx.fn.now() : null;
  await trx('construction_orders').where({ id }).update({ state, state_reason: reason, updated_at: trx.fn.now(), completed_at: completedAt });
  await recordEvent(trx, id, 'state', actor, state, reason ? { reason } : undefined);
  if (current.callback_url && finalConstructionStates.includes(state)) {
    await enqueue(trx, {
      kind: 'http',
      orderingKey: `construction:${id}`,
      url: current.callback_url,
      orderId: id,
      body: {
        eventId: randomUUID(),
        eventTime: new Date().toISOString(),
        eventType: 'ConstructionOrderStateChangeEvent',
        event: { constructionOrder: await loadConstructionOrder(trx, id) },
      },
    });
  }
  return true;
}

/** The construction order as requesters and dispatchers see it, with its sites and reserved materials. */
export function toConstructionOrder(
  o: ConstructionOrderRow,
  sites: SiteRow[],
  materials: { material_id: string; quantity: number; state: string }[],
): Record<string, unknown> {
  return {
    id: o.id,
    href: `${constructionOrderPath}/${o.id}`,
    ...(o.external_id ? { externalId: o.external_id } : {}),
    source: o.source,
    title: o.title,
    ...(o.description ? { description: o.description } : {}),
    area: o.area,
    priority: o.priority,
    requestedCapacity: o.requested_capacity,
    state: o.state,
    ...(o.state_reason ? { stateReason: o.state_reason } : {}),
    ...(o.callback_url ? { callbackUrl: o.callback_url } : {}),
    createdAt: new Date(o.created_at).toISOString(),
    ...(o.completed_at ? { completedAt: new Date(o.completed_at).toISOString() } : {}),
    sites: sites.map((s) => ({ id: s.id, code: s.code, area: s.area, state: s.state, resources: s.resources })),
    materials: materials.map((m) => ({ materialId: m.material_id, quantity: m.quantity, state: m.state })),
  };
}

export async function loadConstructionOrders(conn: Conn, rows: ConstructionOrderRow[]): Promise<Record<string, unknown>[]> {
  const ids = rows.map((r) => r.id);
  const sites: SiteRow[] = await conn('construction_sites').whereIn('construction_order_id', ids).orderBy('code');
  const materials = await conn('material_reservations').whereIn('construction_order_id', ids).orderBy('material_id');
  return rows.map((o) => toConstructionOrder(
    o,
    sites.filter((s) => s.construction_order_id === o.id),
    materials.filter((m: { construction_order_id: string }) => m.construction_order_id === o.id),
  ));
}

export async function loadConstructionOrder(conn: Conn, id: string): Promise<Record<string, unknown> | undefined> {
  const row = await conn('construction_orders').where({ id }).first();
  return row ? (await loadConstructionOrders(conn, [row]))[0] : undefined;
}
