import type { Tx } from '../db/index.js';
import { addCapacity } from '../inventory/pending.js';
import { consumeMaterials } from './materials.js';
import type { SiteRow } from './repository.js';

/**
 * Archives what the construction built: each accepted site's resources go into the inventory and,
 * in the same transaction, are offered to the orders waiting for capacity in the site's area
 * (转待装: highest priority, then oldest first); the materials used leave the store.
 */
export async function archiveSites(trx: Tx, constructionOrderId: string, now: Date): Promise<{ added: number; woken: string[] }> {
  const sites: SiteRow[] = await trx('construction_sites')
    .where({ construction_order_id: constructionOrderId, state: 'planned' })
    .orderBy('area')
    .orderBy('code')
    .forUpdate();
  const byArea = new Map<string, { type: string; name: string }[]>();
  for (const s of sites) byArea.set(s.area, [...(byArea.get(s.area) ?? []), ...s.resources]);
  let added = 0;
  const woken: string[] = [];
  for (const [area, resources] of byArea) {
    const result = await addCapacity(trx, area, resources, now);
    added += result.rows.length;
    woken.push(...result.woken);
  }
  await trx('construction_sites').whereIn('id', sites.map((s) => s.id)).update({ state: 'archived', archived_at: now });
  await consumeMaterials(trx, constructionOrderId);
  return { added, woken };
}
