import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

/** The kinds of network resource the inventory holds. */
export const networkResourceTypes = ['pon_port', 'splitter_port', 'line_segment', 'ip_address', 'vlan', 'phone_number'] as const;

export class NoCapacityError extends Error {
  constructor(readonly resourceType: string, readonly area: string) {
    super(`no ${resourceType} available in area ${area}`);
  }
}

export interface NetworkResource {
  id: string;
  type: string;
  area: string;
  name: string;
  state: 'available' | 'reserved' | 'assigned';
}

/**
 * Reserves one free network resource of each type for a business resource. A second call for the
 * same business resource reuses what it already holds.
 */
export async function reserveFor(
  trx: Tx,
  businessResourceId: string,
  orderId: string,
  area: string,
  types: string[],
): Promise<NetworkResource[]> {
  const held: NetworkResource[] = await trx('network_resources').where({ business_resource_id: businessResourceId });
  const result: NetworkResource[] = [];
  for (const type of types) result.push(takeHeld(held, (r) => r.type === type) ?? (await reserveOne(trx, businessResourceId, orderId, area, type)));
  return result;
}

/** Removes and returns the first of `held` that matches, if any. */
function takeHeld<T>(held: T[], matches: (r: T) => boolean): T | undefined {
  const idx = held.findIndex(matches);
  return idx >= 0 ? held.splice(idx, 1)[0] : undefined;
}

/**
 * Takes the first free resource of a type in the area by name. `SKIP LOCKED` makes racing orders
 * take different rows, so two orders can never both get the last port; the partial index of the
 * free rows (migration 20261207000001) finds that row without stepping over the ones in use.
 */
async function reserveOne(trx: Tx, businessResourceId: string, orderId: string, area: string, type: string): Promise<NetworkResource> {
  const { rows } = await trx.raw(
    `UPDATE network_resources SET state = 'reserved', business_resource_id = ?, order_id = ?, updated_at = now()
     WHERE id = (SELECT id FROM network_resources WHERE type = ? AND area = ? AND state = 'available'
                 ORDER BY name LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING id, type, area, name, state`,
    [businessResourceId, orderId, type, area],
  );
  if (rows.length === 0) throw new NoCapacityError(type, area);
  return rows[0];
}

export async function assignFor(trx: Tx, businessResourceId: string): Promise<NetworkResource[]> {
  return trx('network_resources')
    .where({ business_resource_id: businessResourceId })
    .update({ state: 'assigned', updated_at: trx.fn.now() })
    .returning(['id', 'type', 'area', 'name', 'state']);
}

/**
 * Reserves everything an order's design needs. Racing orders take resource types in one canonical
 * order, as locks are taken in a fixed order: the one that gets a contended row first gets all it
 * needs, instead of each taking part of the last set and both failing.
 */
export async function reserveForOrder(
  trx: Tx,
  orderId: string,
  area: string,
  needs: { businessResourceId: string; types: string[] }[],
): Promise<(NetworkResource & { businessResourceId: string })[]> {
  const pairs = needs.flatMap((n) => n.types.map((type) => ({ businessResourceId: n.businessResourceId, type })));
  pairs.sort((a, b) => a.type.localeCompare(b.type) || a.businessResourceId.localeCompare(b.businessResourceId));
  // What a first run (before an amendment, say) already holds is kept: one read for all of it.
  const held: (NetworkResource & { business_resource_id: string })[] = await trx('network_resources')
    .whereIn('business_resource_id', [...new Set(needs.map((n) => n.businessResourceId))]);
  const out: (NetworkResource & { businessResourceId: string })[] = [];
  for (const p of pairs) {
    const kept = takeHeld(held, (r) => r.business_resource_id === p.businessResourceId && r.type === p.type);
    const r = kept ?? (await reserveOne(trx, p.businessResourceId, orderId, area, p.type));
    out.push({ id: r.id, type: r.type, area: r.area, name: r.name, state: r.state, businessResourceId: p.businessResourceId });
  }
  return out;
}

/** Gives back everything an order reserved but has not yet put into service. */
export async function releaseOrder(trx: Tx, orderId: string): Promise<number> {
  return trx('network_resources')
    .where({ order_id: orderId, state: 'reserved' })
    .update({ state: 'available', business_resource_id: null, order_id: null, updated_at: trx.fn.now() });
}

export async function countAvailable(conn: Conn, type: string, area: string): Promise<number> {
  const row = await conn('network_resources').where({ type, area, state: 'available' }).count({ count: '*' }).first();
  return Number(row?.count ?? 0);
}
