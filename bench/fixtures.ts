import { createApiKey } from '../src/auth/keys.js';
import { demoOfferings, demoResourceSpecs, demoServiceSpecs } from '../src/catalog/demo-data.js';
import type { Db } from '../src/db/index.js';

export const BENCH_AREA = 'BENCH';
export const BENCH_ADDRESS = 'addr-bench-0001';
/** The order the engine scenario places: broadband, two business resources, four work orders. */
export const BENCH_OFFERING = 'ftth-300m';

export const goodCustomer = (n: number) => `bench-ok-${String(n).padStart(6, '0')}`;
export const blacklistedCustomer = (n: number) => `bench-blk-${String(n).padStart(6, '0')}`;

/** The business resources decomposition makes for one offering, read from the demo catalog (the raw flow's workers hand out the same shape). */
export function workOrderKindsOf(offeringId: string): string[][] {
  const offering = demoOfferings.find((o) => o.id === offeringId)!;
  const services = [...new Set(offering.services.map((s) => s.id))];
  const resources = [...new Set(services.flatMap((s) => demoServiceSpecs.find((d) => d.id === s)!.resources))];
  return resources.map((r) => demoResourceSpecs.find((d) => d.id === r)!.work_order_kinds);
}

/**
 * An area of the bench's own with ample inventory and crews, and customers enough that no two
 * orders are duplicates of each other (R3.3 would merge them): `good` ordinary customers for full
 * orders, `blacklisted` ones whose orders review rejects.
 */
export async function createBenchData(db: Db, opts: { orders: number; good: number; blacklisted: number }): Promise<void> {
  await db('areas').insert({ code: BENCH_AREA, name: 'Benchmark area' }).onConflict('code').ignore();
  await db('addresses').insert({ id: BENCH_ADDRESS, area: BENCH_AREA, text: 'Benchmark Road 1' }).onConflict('id').ignore();
  await db('crews')
    .insert(['line', 'installation', 'network', 'measurement'].flatMap((s) =>
      [1, 2].map((i) => ({ id: `crew-bench-${s}-${i}`, name: `Bench ${s} crew ${i}`, area: BENCH_AREA, skills: [s] }))))
    .onConflict('id').ignore();
  const types = [...new Set(demoResourceSpecs.flatMap((r) => r.network_resource_types))];
  await db.raw(
    `INSERT INTO network_resources (type, area, name)
     SELECT t, ?, t || '-bench-' || n FROM unnest(?::text[]) t, generate_series(1, ?) n
     ON CONFLICT (type, area, name) DO NOTHING`,
    [BENCH_AREA, types, opts.orders * 2 + 10],
  );
  await db.raw(
    `INSERT INTO customers (id, name, tier, vip, blacklisted, blacklist_reason, arrears_cents, credit_limit_cents)
     SELECT 'bench-ok-' || lpad(n::text, 6, '0'), 'Bench customer ' || n, 'ordinary', false, false, null, 0, 100000
       FROM generate_series(1, ?) n
     UNION ALL
     SELECT 'bench-blk-' || lpad(n::text, 6, '0'), 'Bench blacklisted ' || n, 'ordinary', false, true, 'benchmark', 0, 0
       FROM generate_series(1, ?) n
     ON CONFLICT (id) DO NOTHING`,
    [opts.good, opts.blacklisted],
  );
}

export interface BenchKeys {
  crm: string;
  dispatcher: string;
  crew(crewId: string): Promise<string>;
}

export async function benchKeys(db: Db): Promise<BenchKeys> {
  const crewKeys = new Map<string, Promise<string>>();
  return {
    crm: (await createApiKey(db, { name: 'bench CRM', roles: ['crm'] })).key,
    dispatcher: (await createApiKey(db, { name: 'bench dispatcher', roles: ['dispatcher'] })).key,
    crew(crewId) {
      if (!crewKeys.has(crewId)) crewKeys.set(crewId, createApiKey(db, { name: `bench ${crewId}`, roles: ['crew'], crewId }).then((k) => k.key));
      return crewKeys.get(crewId)!;
    },
  };
}

/** A TMF622 productOrder as the CRM sends it, for one customer at the bench address. */
export function orderBody(customer: string, offering = BENCH_OFFERING) {
  return {
    externalId: `bench-${customer}`,
    priority: '4',
    category: 'residential',
    description: 'Benchmark order',
    relatedParty: [{ id: customer, role: 'Customer', '@referredType': 'Individual' }],
    productOrderItem: [{
      id: '1', action: 'add', quantity: 1, productOffering: { id: offering },
      product: { place: [{ id: BENCH_ADDRESS, role: 'installationAddress' }] },
    }],
  };
}
