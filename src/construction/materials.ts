import type { Tx } from '../db/index.js';

/**
 * Takes the design's materials out of what the store has free, under row locks taken in id order
 * (two designs racing for the last drum of cable cannot deadlock). Returns what could not be had;
 * the caller rolls the whole reservation back when anything is missing.
 */
export async function reserveMaterials(trx: Tx, constructionOrderId: string, wanted: { materialId: string; quantity: number }[]): Promise<string[]> {
  const problems: string[] = [];
  for (const m of [...wanted].sort((a, b) => a.materialId.localeCompare(b.materialId))) {
    const row = await trx('materials').where({ id: m.materialId }).forUpdate().first();
    if (!row) {
      problems.push(`unknown material ${m.materialId}`);
      continue;
    }
    const free = row.on_hand - row.reserved;
    if (free < m.quantity) {
      problems.push(`not enough ${row.name}: ${m.quantity} ${row.unit} needed, ${free} free`);
      continue;
    }
    await trx('materials').where({ id: m.materialId }).update({ reserved: row.reserved + m.quantity });
    await trx('material_reservations').insert({ construction_order_id: constructionOrderId, material_id: m.materialId, quantity: m.quantity });
  }
  return problems;
}

/** The construction is built: its reserved materials leave the store. */
export const consumeMaterials = (trx: Tx, constructionOrderId: string) => settleMaterials(trx, constructionOrderId, 'consumed');

/** The construction ended before it was archived: what it still held goes back to the store's free stock. */
export const releaseMaterials = (trx: Tx, constructionOrderId: string) => settleMaterials(trx, constructionOrderId, 'released');

/** Ends the order's open reservations; only consumed material leaves the store's stock. Returns the materials settled. */
async function settleMaterials(trx: Tx, constructionOrderId: string, outcome: 'consumed' | 'released'): Promise<string[]> {
  const held: { material_id: string; quantity: number }[] = await trx('material_reservations')
    .where({ construction_order_id: constructionOrderId, state: 'reserved' })
    .orderBy('material_id')
    .forUpdate();
  for (const r of held) {
    await trx('materials').where({ id: r.material_id }).update({
      reserved: trx.raw('reserved - ?', [r.quantity]),
      ...(outcome === 'consumed' ? { on_hand: trx.raw('on_hand - ?', [r.quantity]) } : {}),
    });
  }
  await trx('material_reservations').where({ construction_order_id: constructionOrderId, state: 'reserved' }).update({ state: outcome });
  return held.map((r) => r.material_id);
}
