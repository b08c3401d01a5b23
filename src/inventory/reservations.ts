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
 * Reserves one free network resource of each type for a business resource. `SKIP LOCKED`
 * makes racing orders take different rows, so two orders can never both get the last port;
 * a second call for the same business resource reuses what it already holds.
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
  const remaining = [...held];
  for (const type of types) {
    const idx = remaining.findIndex((r) => r.type === type);
    if (idx >= 0) {
      result.push(remaining.splice(idx, 1)[0]!);
      continue;
    }
    const { rows } = await trx.raw(
      `UPDATE network_resources SET state = 'reserved', business_resource_id = ?, order_id = ?, updated_at = now()
       WHERE id = (SELECT id FROM network_resources WHERE type = ? AND area = ? AND state = 'available'
                   ORDER BY name LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING id, type, area, name, state`,
      [businessResourceId, orderId, type, area],
    );
    if (rows.length === 0) throw new NoCapacityError(type, area);
    result.push(rows[0]);
  }
  return result;
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
  const taken = new Set<string>();
  const out: (NetworkResource & { businessResourceId: string })[] = [];
  for (const p of pairs) {
    const held: NetworkResource | undefined = await trx('network_resources')
      .where({ business_resource_id: p.businessResourceId, type: p.type })
      .whereNotIn('id', [...taken])
      .first();
    // reserveFor throws NoCapacityError when the area has none left.
    const r = held ?? (await reserveFor(trx, p.businessResourceId, orderId, area, [p.type]))[0]!;
    taken.add(r.id);
    out.push({ ...r, businessResourceId: p.businessResourceId });
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
