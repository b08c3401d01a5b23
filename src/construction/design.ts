import type { Tx } from '../db/index.js';
import { reserveMaterials } from './materials.js';
import type { ConstructionOrderRow, SiteRow } from './repository.js';
import type { ConstructionDesign } from './schema.js';

/** The design cannot be built as drawn: the designer is told why and designs again. */
export class DesignNotFeasible extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * Material and resource reservation: the design's materials are taken from the store and its sites
 * recorded, all or nothing. A site in an unknown area, a resource designed twice or one the
 * inventory already holds, or a material the store cannot supply makes the design infeasible (the
 * caller's transaction then rolls back what was reserved on the way).
 */
export async function reserveDesign(trx: Tx, order: ConstructionOrderRow, design: ConstructionDesign): Promise<SiteRow[]> {
  const sites = design.sites.map((s) => ({ ...s, area: s.area ?? order.area }));
  const problems: string[] = [];
  const areas = new Set<string>(await trx('areas').whereIn('code', [...new Set(sites.map((s) => s.area))]).pluck('code'));
  for (const s of sites) if (!areas.has(s.area)) problems.push(`site ${s.code}: unknown area ${s.area}`);
  const named = new Set<string>();
  for (const s of sites) {
    for (const r of s.resources) {
      const key = `${r.type} ${r.name} in ${s.area}`;
      if (named.has(key)) problems.push(`${key} is designed twice`);
      named.add(key);
    }
  }
  const taken: { type: string; area: string; name: string }[] = await trx('network_resources')
    .whereIn(['type', 'area', 'name'], sites.flatMap((s) => s.resources.map((r) => [r.type, s.area, r.name])))
    .select('type', 'area', 'name');
  for (const t of taken) problems.push(`${t.type} ${t.name} already exists in ${t.area}`);
  problems.push(...(await reserveMaterials(trx, order.id, design.materials)));
  if (problems.length) throw new DesignNotFeasible(problems);
  return trx('construction_sites')
    .insert(sites.map((s) => ({ construction_order_id: order.id, code: s.code, area: s.area, resources: JSON.stringify(s.resources) })))
    .returning('*');
}
