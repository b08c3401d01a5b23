import type { Db, Tx } from '../db/index.js';

type Conn = Db | Tx;

export interface ServiceRequirement {
  serviceSpecId: string;
  role: 'main' | 'addon';
}

/** Flattens an offering (and, for a package, its children) into the services it is made of. */
export async function servicesOfOffering(conn: Conn, offeringId: string, seen = new Set<string>()): Promise<ServiceRequirement[]> {
  if (seen.has(offeringId)) return [];
  seen.add(offeringId);
  const own: { service_spec_id: string; role: 'main' | 'addon' }[] = await conn('offering_services')
    .where({ offering_id: offeringId })
    .orderBy('service_spec_id');
  const children: string[] = await conn('offering_bundle_items').where({ bundle_id: offeringId }).orderBy('child_id').pluck('child_id');
  const result = own.map((s) => ({ serviceSpecId: s.service_spec_id, role: s.role }));
  for (const child of children) result.push(...(await servicesOfOffering(conn, child, seen)));
  return result;
}

export interface OfferingView {
  id: string;
  name: string;
  description: string | null;
  is_bundle: boolean;
  is_sellable: boolean;
  lifecycle_status: string;
  version: string;
  last_update: Date;
  children: string[];
  services: ServiceRequirement[];
}

export async function listOfferings(conn: Conn): Promise<OfferingView[]> {
  const offerings = await conn('product_offerings').orderBy('id');
  const children = await conn('offering_bundle_items');
  const services = await conn('offering_services');
  return offerings.map((o) => ({
    ...o,
    children: children.filter((c) => c.bundle_id === o.id).map((c) => c.child_id),
    services: services.filter((s) => s.offering_id === o.id).map((s) => ({ serviceSpecId: s.service_spec_id, role: s.role })),
  }));
}
