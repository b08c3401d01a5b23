import type { Db } from '../db/index.js';

export interface CrewLoad {
  id: string;
  name: string;
  area: string;
  skills: string[];
  /** Work orders the crew holds now, accepted or not: what a dispatcher weighs before adding one. */
  openWorkOrders: number;
}

/** The crews (optionally only those with a skill), each with its open work orders, least loaded first. */
export async function listCrews(db: Db, filter: { skill?: string; area?: string } = {}): Promise<CrewLoad[]> {
  const q = db('crews as c')
    .leftJoin('work_orders as w', (j) => j.on('w.crew_id', 'c.id').andOnIn('w.state', ['acknowledged', 'inProgress']))
    .select('c.id', 'c.name', 'c.area', 'c.skills')
    .count({ open: 'w.id' })
    .groupBy('c.id')
    .orderBy([{ column: 'open', order: 'asc' }, { column: 'c.id', order: 'asc' }]);
  if (filter.skill) q.whereRaw('? = ANY(c.skills)', [filter.skill]);
  if (filter.area) q.where('c.area', filter.area);
  const rows = (await q) as unknown as { id: string; name: string; area: string; skills: string[]; open: string | number }[];
  return rows.map((r) => ({ id: r.id, name: r.name, area: r.area, skills: r.skills, openWorkOrders: Number(r.open) }));
}
