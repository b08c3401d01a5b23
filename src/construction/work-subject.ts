import type { Db, Tx } from '../db/index.js';
import type { WorkSubject } from '../work-orders/subjects.js';
import { parseSiteScope } from './site-rounds.js';

/** A construction order's work at one site in one round: in the site's area, under the construction flow's time limits. */
export async function constructionWorkSubject(conn: Db | Tx, constructionOrderId: string, scopeKey: string): Promise<WorkSubject | undefined> {
  const { siteId, round } = parseSiteScope(scopeKey);
  const site = await conn('construction_sites as s')
    .join('construction_orders as o', 'o.id', 's.construction_order_id')
    .where({ 's.id': siteId, 'o.id': constructionOrderId })
    .first('s.area', 's.code', 'o.priority', 'o.title');
  if (!site) return undefined;
  return {
    flow: 'construction',
    area: site.area,
    context: { priority: site.priority },
    emergency: false,
    brief: `${site.title} — site ${site.code}${round > 1 ? `, rebuild round ${round}` : ''}`,
    orderId: null,
    businessResourceId: null,
  };
}
