import type { Knex } from 'knex';
import type { Db } from '../db/index.js';

/** Local calendar days [from, to] in a time zone, optionally one area: what the statistics cover. */
export interface StatisticsWindow {
  from: string;
  to: string;
  timeZone: string;
  area?: string;
}

const orderFlow = 'order-fulfillment';
const endedOtherwise = ['rejected', 'failed', 'cancelled'];

/** The window's bounds as SQL: local midnight of `from` to local midnight after `to`. */
function bounds(db: Db, w: StatisticsWindow) {
  return {
    start: db.raw('(?::date)::timestamp AT TIME ZONE ?', [w.from, w.timeZone]),
    end: db.raw('((?::date) + 1)::timestamp AT TIME ZONE ?', [w.to, w.timeZone]),
  };
}

// Statistics rows are read by column name; knex's row typing adds nothing here.
type Query = Knex.QueryBuilder<any, any>;

const within = (q: Query, db: Db, column: string, w: StatisticsWindow): Query => {
  const { start, end } = bounds(db, w);
  return q.where(column, '>=', start).where(column, '<', end);
};

const ms = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
const rate = (onTime: number, total: number) => (total ? Math.round((onTime / total) * 1000) / 1000 : null);
const percentiles = (db: Db, seconds: string) => [
  db.raw(`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${seconds}) * 1000 AS p50`),
  db.raw(`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${seconds}) * 1000 AS p90`),
];

/** Orders received, completed and ended otherwise per local day; days without any are zeros. */
async function volumes(db: Db, w: StatisticsWindow) {
  const day = (col: string) => db.raw(`(${col} AT TIME ZONE ?)::date::text AS day`, [w.timeZone]);
  const received = within(db('product_orders as o').select(day('o.created_at')).count({ n: '*' }), db, 'o.created_at', w).groupBy('day');
  const ended = within(
    db('trace_events as e').join('product_orders as o', 'o.id', 'e.order_id')
      .select(day('e.at'), 'e.outcome').count({ n: '*' })
      .where('e.kind', 'state').whereIn('e.outcome', ['completed', ...endedOtherwise]),
    db, 'e.at', w,
  ).groupBy('day', 'e.outcome');
  if (w.area) {
    received.where('o.area', w.area);
    ended.where('o.area', w.area);
  }
  const { rows: days } = await db.raw('SELECT generate_series(?::date, ?::date, interval \'1 day\')::date::text AS day', [w.from, w.to]);
  const byDay = new Map<string, { day: string; received: number; completed: number; endedOtherwise: number }>(
    days.map((d: { day: string }) => [d.day, { day: d.day, received: 0, completed: 0, endedOtherwise: 0 }]),
  );
  for (const r of await received) byDay.get(r.day)!.received = Number(r.n);
  for (const r of await ended) {
    const v = byDay.get(r.day)!;
    if (r.outcome === 'completed') v.completed += Number(r.n);
    else v.endedOtherwise += Number(r.n);
  }
  return [...byDay.values()];
}

/** How long each step took (trace steps finished in the window), median and 90th percentile. */
async function stepDurations(db: Db, w: StatisticsWindow): Promise<{ step: string; count: number; p50Ms: number; p90Ms: number }[]> {
  const q = within(
    db('trace_events as e').join('product_orders as o', 'o.id', 'e.order_id')
      .where('e.kind', 'step').whereNotNull('e.entered_at')
      .select('e.step', db.raw('count(*)::int AS n'), ...percentiles(db, 'extract(epoch FROM e.at - e.entered_at)'))
      .groupBy('e.step'),
    db, 'e.at', w,
  );
  if (w.area) q.where('o.area', w.area);
  return (await q).map((r: any) => ({ step: r.step as string, count: r.n as number, p50Ms: ms(r.p50)!, p90Ms: ms(r.p90)! }));
}

/**
 * Steps with a time limit that finished in the window, on time or late, per step and area. Only
 * finished steps count: a clock stopped by a cancellation says nothing about punctuality.
 */
async function punctuality(db: Db, w: StatisticsWindow) {
  const q = within(
    db('deadlines as d').join('product_orders as o', 'o.id', 'd.subject_id')
      .leftJoin('work_orders as wo', (j) => {
        // The order is implied by the scope key, but joining on it lets the work orders be found
        // by their order instead of sorting all of them by their id as text.
        j.on('wo.order_id', 'd.subject_id').andOn(db.raw('wo.id::text = d.scope_key'));
      })
      .where('d.flow', orderFlow).where('d.state', 'done')
      .whereRaw(`CASE WHEN d.step = 'order' THEN o.state = 'completed' ELSE wo.state = 'completed' END`)
      .select('d.step', 'o.area', db.raw('count(*)::int AS total'), db.raw('(count(*) FILTER (WHERE d.ended_at <= d.due_at))::int AS on_time'))
      .groupBy('d.step', 'o.area'),
    db, 'd.ended_at', w,
  );
  if (w.area) q.where('o.area', w.area);
  return (await q) as { step: string; area: string | null; total: number; on_time: number }[];
}

/** Per area: orders received, completed, their lead time, and how many met the order's own limit. */
async function regions(db: Db, w: StatisticsWindow, punctual: Awaited<ReturnType<typeof punctuality>>) {
  const received = within(db('product_orders as o').select('o.area', db.raw('count(*)::int AS n')).groupBy('o.area'), db, 'o.created_at', w);
  const completed = within(
    db('sla_records as r').join('product_orders as o', 'o.id', 'r.order_id')
      .select('o.area', db.raw('count(*)::int AS n'), ...percentiles(db, 'r.duration_seconds')).groupBy('o.area'),
    db, 'r.completed_at', w,
  );
  if (w.area) {
    received.where('o.area', w.area);
    completed.where('o.area', w.area);
  }
  const areas = new Map<string, { area: string | null; received: number; completed: number; leadP50Ms: number | null; leadP90Ms: number | null; onTime: number; late: number; onTimeRate: number | null }>();
  const of = (area: string | null) => {
    const key = area ?? '';
    if (!areas.has(key)) areas.set(key, { area, received: 0, completed: 0, leadP50Ms: null, leadP90Ms: null, onTime: 0, late: 0, onTimeRate: null });
    return areas.get(key)!;
  };
  for (const r of await received) of(r.area).received = r.n;
  for (const r of await completed) Object.assign(of(r.area), { completed: r.n, leadP50Ms: ms(r.p50), leadP90Ms: ms(r.p90) });
  for (const p of punctual.filter((x) => x.step === 'order')) {
    const a = of(p.area);
    a.onTime += p.on_time;
    a.late += p.total - p.on_time;
  }
  for (const a of areas.values()) a.onTimeRate = rate(a.onTime, a.onTime + a.late);
  return [...areas.values()].sort((a, b) => b.received - a.received || String(a.area).localeCompare(String(b.area)));
}

/** Acceptance to completion of the orders completed in the window, all areas together. */
async function leadTime(db: Db, w: StatisticsWindow) {
  const q = within(
    db('sla_records as r').join('product_orders as o', 'o.id', 'r.order_id').select(...percentiles(db, 'r.duration_seconds')),
    db, 'r.completed_at', w,
  );
  if (w.area) q.where('o.area', w.area);
  const row = (await q)[0];
  return { p50Ms: ms(row?.p50), p90Ms: ms(row?.p90) };
}

/** Per crew: work orders closed in the window, how long they took, and how many met their limit. */
interface CrewStats {
  crewId: string;
  name: string;
  area: string;
  closed: number;
  p50Ms: number;
  p90Ms: number;
  onTime: number;
  late: number;
  onTimeRate: number | null;
}

async function crews(db: Db, w: StatisticsWindow): Promise<CrewStats[]> {
  const q = within(
    db('work_orders as wo').join('crews as c', 'c.id', 'wo.crew_id')
      .leftJoin('deadlines as d', (j) => {
        j.on('d.subject_id', 'wo.order_id').andOn(db.raw('d.scope_key = wo.id::text')).andOn(db.raw(`d.step = 'work-order:' || wo.kind`));
      })
      .where('wo.state', 'completed')
      .select('c.id', 'c.name', 'c.area', db.raw('count(*)::int AS closed'),
        db.raw('(count(d.id) FILTER (WHERE d.ended_at <= d.due_at))::int AS on_time'), db.raw('count(d.id)::int AS timed'),
        ...percentiles(db, 'extract(epoch FROM wo.closed_at - wo.created_at)'))
      .groupBy('c.id', 'c.name', 'c.area'),
    db, 'wo.closed_at', w,
  );
  if (w.area) q.where('wo.area', w.area);
  return (await q).map((r: any): CrewStats => ({
    crewId: r.id as string, name: r.name as string, area: r.area as string, closed: r.closed as number,
    p50Ms: ms(r.p50)!, p90Ms: ms(r.p90)!, onTime: r.on_time as number, late: (r.timed - r.on_time) as number,
    onTimeRate: rate(r.on_time, r.timed),
  })).sort((a: CrewStats, b: CrewStats) => b.closed - a.closed || a.crewId.localeCompare(b.crewId));
}

/** R3.9: volumes, durations and on-time rates of the order flow's work over a window of days. */
export async function readStatistics(db: Db, w: StatisticsWindow, nameOf: (step: string) => string | null) {
  const punctual = await punctuality(db, w);
  const perStep = new Map<string, { onTime: number; total: number }>();
  for (const p of punctual) {
    const s = perStep.get(p.step) ?? { onTime: 0, total: 0 };
    s.onTime += p.on_time;
    s.total += p.total;
    perStep.set(p.step, s);
  }
  const [days, lead, steps, areas, crewRows] = await Promise.all([
    volumes(db, w), leadTime(db, w), stepDurations(db, w), regions(db, w, punctual), crews(db, w),
  ]);
  return {
    from: w.from,
    to: w.to,
    timeZone: w.timeZone,
    area: w.area ?? null,
    volumes: days,
    leadTime: lead,
    stepDurations: steps.map((s) => ({ ...s, name: nameOf(s.step) })).sort((a, b) => b.p90Ms - a.p90Ms || a.step.localeCompare(b.step)),
    onTimeByStep: [...perStep].map(([step, s]) => ({ step, name: nameOf(step), total: s.total, onTime: s.onTime, late: s.total - s.onTime, onTimeRate: rate(s.onTime, s.total) }))
      .sort((a, b) => a.step.localeCompare(b.step)),
    regions: areas,
    crews: crewRows,
  };
}
