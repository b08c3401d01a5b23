import { bulkLoadOrders } from '../bulk-load.js';
import type { BenchContext } from '../context.js';
import { call } from '../http.js';
import { round, summary } from '../stats.js';

export interface QueriesConfig {
  orders: number;
  /** Calls per query. */
  samples: number;
}

/** The board as dispatchers use it: the default view and the filters of its chips and search box. */
const boardViews = [
  '',
  '?state=inProgress',
  '?area=HZ-XH&state=inProgress',
  '?step=work-order',
  '?state=pending&sort=priority',
  '?q=cust-100',
  '?q=bulk-00012',
  '?state=inProgress&minAgeMinutes=1440&sort=stepSince',
  '?state=completed&offset=200',
];

/**
 * The statistics page's queries (R3.9). The statistics API is being written elsewhere; until it
 * lands these are representative aggregates over the same tables — volumes, per-step durations
 * from the trace and on-time rates from the deadlines — timed straight against PostgreSQL.
 * When the API exists, point `statisticsCalls` at its routes instead (see bench/README.md).
 */
const statisticsSql: Record<string, string> = {
  volumesByDayAndState: `SELECT date_trunc('day', created_at) AS day, state, count(*) FROM product_orders
                          WHERE created_at >= now() - interval '30 days' GROUP BY 1, 2`,
  stepDurations: `SELECT step, count(*), avg(extract(epoch FROM at - entered_at)) AS mean_s,
                         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM at - entered_at)) AS p90_s
                    FROM trace_events WHERE kind = 'step' AND at >= now() - interval '30 days' GROUP BY step`,
  onTimeByStep: `SELECT step, count(*), avg(CASE WHEN ended_at <= due_at THEN 1 ELSE 0 END) AS on_time
                   FROM deadlines WHERE state = 'done' AND ended_at >= now() - interval '30 days' GROUP BY step`,
};

export async function queriesScenario(ctx: BenchContext, cfg: QueriesConfig) {
  const loadStarted = Date.now();
  await bulkLoadOrders(ctx.db, cfg.orders);
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  ctx.log(`queries: ${cfg.orders} orders bulk-loaded in ${loadSeconds.toFixed(1)} s`);
  const endUsage = ctx.usage.window();

  const timeApi = async (path: string, n: number) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await call(ctx.baseUrl, ctx.keys.dispatcher, 'GET', path);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
      ms.push(res.ms);
    }
    return ms;
  };

  const perView: Record<string, ReturnType<typeof summary>> = {};
  const allBoard: number[] = [];
  for (const view of boardViews) {
    const ms = await timeApi(`/api/v1/board${view}`, cfg.samples);
    perView[view || '(default)'] = summary(ms);
    allBoard.push(...ms);
  }

  const sampleOrders: string[] = (await ctx.db.raw(
    `SELECT id FROM product_orders WHERE external_id LIKE 'bulk-%' ORDER BY md5(id::text) LIMIT ?`, [cfg.samples],
  )).rows.map((r: { id: string }) => r.id);
  const traceMs: number[] = [];
  for (const id of sampleOrders) traceMs.push(...(await timeApi(`/api/v1/orders/${id}/trace`, 1)));

  const others = {
    boardSummary: summary(await timeApi('/api/v1/board/summary', cfg.samples)),
    runningDeadlines: summary(await timeApi('/api/v1/deadlines?state=running', cfg.samples)),
    raisedAlarms: summary(await timeApi('/api/v1/alarms?state=raised', cfg.samples)),
  };

  const statistics: Record<string, ReturnType<typeof summary>> = {};
  for (const [name, sql] of Object.entries(statisticsSql)) {
    const ms: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(cfg.samples / 5)); i++) {
      const started = performance.now();
      await ctx.db.raw(sql);
      ms.push(performance.now() - started);
    }
    statistics[name] = summary(ms);
  }

  const count = async (table: string) => Number((await ctx.db(table).count({ n: '*' }).first())?.n);
  const board = summary(allBoard);
  return {
    boardP95Ms: board.p95,
    rows: {
      productOrders: await count('product_orders'), workOrders: await count('work_orders'), traceEvents: await count('trace_events'),
      deadlines: await count('deadlines'), alarms: await count('alarms'),
    },
    bulkLoadSeconds: round(loadSeconds),
    board,
    boardByView: perView,
    orderTrace: summary(traceMs),
    ...others,
    statisticsSource: 'representative SQL (statistics API not in main yet)',
    statistics,
    usage: endUsage(),
  };
}
