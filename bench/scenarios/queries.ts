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
 * The statistics page (R3.9) as modeler-ui/src/dispatch/statistics-page.tsx calls it: local days
 * up to today in the browser's zone, its four ranges (14 days first), and one region picked.
 */
const statisticsTimeZone = 'Asia/Shanghai';
const statisticsViews: Record<string, { days: number; area?: string }> = {
  '14 days': { days: 14 },
  '7 days': { days: 7 },
  '30 days': { days: 30 },
  '90 days': { days: 90 },
  '14 days, area HZ-XH': { days: 14, area: 'HZ-XH' },
};

function statisticsPath(view: { days: number; area?: string }): string {
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: statisticsTimeZone }).format(new Date());
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (view.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const params = new URLSearchParams({ tz: statisticsTimeZone, to, from, ...(view.area ? { area: view.area } : {}) });
  return `/api/v1/statistics?${params}`;
}

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

  // Each call aggregates a whole window of history, so fewer samples than the board's.
  const statistics: Record<string, ReturnType<typeof summary>> = {};
  const allStatistics: number[] = [];
  for (const [name, view] of Object.entries(statisticsViews)) {
    const ms = await timeApi(statisticsPath(view), Math.max(3, Math.ceil(cfg.samples / 5)));
    statistics[name] = summary(ms);
    allStatistics.push(...ms);
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
    statisticsP95Ms: summary(allStatistics).p95,
    statistics,
    usage: endUsage(),
  };
}
