import type { Tx } from '../db/index.js';
import { servicesOfOffering } from './repository.js';

/**
 * Order → products → services → business resources, all from catalog data (R2). A main service is
 * instantiated once per order (a package's broadband, IPTV and voice — or an add-on ordered later
 * by amendment — share one access line) and the add-ons hang on it. Re-running it, for the same or
 * an amended revision, finds what is there and adds only what is new. Cancelled items are skipped.
 */
export async function decomposeOrder(trx: Tx, orderId: string): Promise<void> {
  const items: { item_id: string; offering_id: string }[] = await trx('product_order_items')
    .where({ order_id: orderId })
    .whereIn('action', ['add', 'modify'])
    .whereNot({ state: 'cancelled' })
    .orderBy('item_id');
  for (const item of items) {
    const required = await servicesOfOffering(trx, item.offering_id);
    const unique = new Map<string, 'main' | 'addon'>();
    for (const r of required) if (!unique.has(r.serviceSpecId) || r.role === 'main') unique.set(r.serviceSpecId, r.role);
    const mains = [...unique].filter(([, role]) => role === 'main');
    const addons = [...unique].filter(([, role]) => role === 'addon');
    let mainServiceId: string | null = null;
    for (const [specId, role] of [...mains, ...addons]) {
      const shared = role === 'main'
        ? await trx('order_services').where({ order_id: orderId, service_spec_id: specId, role: 'main' }).whereNot({ state: 'released' }).first()
        : undefined;
      const svc: { id: string } = shared ?? (await trx('order_services')
        .insert({ order_id: orderId, item_id: item.item_id, service_spec_id: specId, role, main_service_id: role === 'addon' ? mainServiceId : null })
        .onConflict(['order_id', 'item_id', 'service_spec_id'])
        .merge(['role'])
        .returning('id')
        .then((rows: { id: string }[]) => rows[0]!));
      if (role === 'main' && !mainServiceId) mainServiceId = svc.id;
      const resourceSpecs: string[] = await trx('service_resource_specs').where({ service_spec_id: specId }).orderBy('resource_spec_id').pluck('resource_spec_id');
      for (const rs of resourceSpecs) {
        await trx('business_resources')
          .insert({ order_id: orderId, service_id: svc.id, resource_spec_id: rs })
          .onConflict(['service_id', 'resource_spec_id'])
          .ignore();
      }
    }
  }
}
