import type { Db } from '../db/index.js';
import type { BoardRow } from './board-row.js';

/** The flow every product order runs; the board's step names are this flow's job types. */
export const orderFlow = 'order-fulfillment';

export const boardSorts = ['-createdAt', 'createdAt', 'priority', 'stepSince'] as const;
export type BoardSort = (typeof boardSorts)[number];

export interface BoardFilters {
  state?: string;
  area?: string;
  step?: string;
  /** An order id, or the start of an external (CRM) id or customer id. */
  q?: string;
  /** Only orders at least this old. */
  minAgeMinutes?: number;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function filtered(db: Db, f: BoardFilters) {
  const q = db('product_orders as o').leftJoin('order_board as b', 'b.order_id', 'o.id');
  if (f.state) q.where('o.state', f.state);
  if (f.area) q.where('o.area', f.area);
  if (f.step) q.where('b.current_step', f.step);
  if (f.minAgeMinutes !== undefined) q.where('o.created_at', '<=', db.raw(`now() - make_interval(mins => ?)`, [f.minAgeMinutes]));
  if (f.q) {
    const term = f.q.trim();
    if (isUuid(term)) q.where('o.id', term);
    else q.where((w) => w.where('o.external_id', 'like', likePrefix(term)).orWhere('o.customer_id', 'like', likePrefix(term)));
  }
  return q;
}

const orderings: Record<BoardSort, [string, 'asc' | 'desc'][]> = {
  '-createdAt': [['o.created_at', 'desc']],
  createdAt: [['o.created_at', 'asc']],
  priority: [['o.priority', 'asc'], ['o.created_at', 'asc']],
  stepSince: [['b.last_step_at', 'asc']],
};

/**
 * The dispatcher board: orders with their state, where they are and how long they have been
 * there. Every filter is served by an index; the page is sorted and cut in SQL.
 */
export async function queryBoard(db: Db, f: BoardFilters, page: { sort: BoardSort; offset: number; limit: number }): Promise<{ total: number; items: BoardRow[] }> {
  const [countRow, rows] = await Promise.all([
    filtered(db, f).count({ count: '*' }).first(),
    filtered(db, f)
      .select('o.id', 'o.external_id', 'o.customer_id', 'o.state', 'o.area', 'o.priority', 'o.created_at',
        'b.current_step', 'b.last_step_at', 'b.open_work_orders',
        db.raw('extract(epoch from now() - o.created_at)::float8 as age_seconds'))
      .orderBy([...orderings[page.sort].map(([column, order]) => ({ column, order })), { column: 'o.id', order: 'asc' }])
      .offset(page.offset)
      .limit(page.limit),
  ]);
  return {
    total: Number(countRow?.count ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      externalId: r.external_id,
      customerId: r.customer_id,
      state: r.state,
      area: r.area,
      priority: r.priority,
      currentStep: r.current_step ?? null,
      stepSince: r.last_step_at ? new Date(r.last_step_at).toISOString() : null,
      openWorkOrders: r.open_work_orders ?? 0,
      createdAt: new Date(r.created_at).toISOString(),
      ageSeconds: Math.max(0, Math.round(r.age_seconds)),
    })),
  };
}

const openStates = ['acknowledged', 'inProgress', 'pending', 'held', 'assessingCancellation', 'pendingCancellation'];

/** Counts behind the board's filter chips: every order by state; open ones by area and step. */
export async function boardSummary(db: Db): Promise<{
  byState: { state: string; count: number }[];
  byArea: { area: string | null; count: number }[];
  byStep: { step: string | null; count: number }[];
}> {
  type Counted = Record<string, unknown> & { count?: string | number };
  const [byState, byArea, byStep] = (await Promise.all([
    db('product_orders').select('state').count({ count: '*' }).groupBy('state').orderBy('state'),
    db('product_orders').select('area').count({ count: '*' }).whereIn('state', openStates).groupBy('area').orderBy('area'),
    db('product_orders as o').leftJoin('order_board as b', 'b.order_id', 'o.id').select('b.current_step as step').count({ count: '*' })
      .whereIn('o.state', openStates).groupBy('b.current_step').orderBy('b.current_step'),
  ])) as [Counted[], Counted[], Counted[]];
  const n = (r: Counted) => Number(r.count ?? 0);
  return {
    byState: byState.map((r) => ({ state: String(r.state), count: n(r) })),
    byArea: byArea.map((r) => ({ area: (r.area as string | null) ?? null, count: n(r) })),
    byStep: byStep.map((r) => ({ step: (r.step as string | null) ?? null, count: n(r) })),
  };
}
