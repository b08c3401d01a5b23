import { randomUUID } from 'node:crypto';
import { commits, type BenchContext, type UsageByProcess } from '../context.js';
import { startCrews } from '../crews.js';
import { BENCH_OFFERING, orderBody, workOrderKindsOf } from '../fixtures.js';
import { call, inParallel, ORDER_PATH, waitFor } from '../http.js';
import { deployRawFlow, type RawWorkerSettings, rawProcessId, startRawOrder, startRawWorkers } from '../raw-flow.js';
import { median, round, summary } from '../stats.js';

export interface EngineConfig {
  /** Pairs of rounds (one of each family) before the counted ones: reported, not counted. */
  warmupRounds: number;
  rounds: number;
  ordersPerRound: number;
  /** Orders placed (or raw instances started) at once. */
  concurrency: number;
  roundTimeoutMs: number;
}

type Family = 'ours' | 'raw';

interface Round {
  /** 0 for the warm-up pairs, then 1, 2 … */
  round: number;
  family: Family;
  orders: number;
  seconds: number;
  perSecond: number;
  commitsPerOrder: number;
  usage: UsageByProcess;
}

const FINAL = ['completed', 'rejected', 'failed', 'cancelled'];

/**
 * The JVM's JIT and our processes' caches warm up over the first rounds (session 4: both families
 * sped up 1.7× from the first round to the last), so warm-up pairs (round 0) go first and are not
 * counted, and the counted pairs take turns at going first (ours–raw, raw–ours, …) so neither
 * family always runs on the engine the other has just warmed.
 */
export function roundPlan(cfg: Pick<EngineConfig, 'warmupRounds' | 'rounds'>): { round: number; family: Family }[] {
  const plan: { round: number; family: Family }[] = [];
  for (let i = 0; i < cfg.warmupRounds; i++) plan.push({ round: 0, family: 'ours' }, { round: 0, family: 'raw' });
  for (let r = 1; r <= cfg.rounds; r++) {
    const pair: Family[] = r % 2 === 1 ? ['ours', 'raw'] : ['raw', 'ours'];
    for (const family of pair) plan.push({ round: r, family });
  }
  return plan;
}

/**
 * Engine ratio: completed fulfilment orders per second through the whole service (API, outbox,
 * workers, PostgreSQL, simulated crews closing work orders through the API) against the same
 * BPMN on the same broker with no-op workers, in alternating rounds of the same size (roundPlan).
 */
export async function engineScenario(ctx: BenchContext, cfg: EngineConfig, workerSettings: RawWorkerSettings) {
  const { db, zeebe } = ctx;
  const scenarioStart = new Date();
  const jobTypes = await deployRawFlow(zeebe);
  const rawWorkers = startRawWorkers(ctx.jobGateway, zeebe, jobTypes, workOrderKindsOf(BENCH_OFFERING), workerSettings);
  const crews = startCrews(ctx.baseUrl, ctx.keys);
  const postMs: number[] = [];
  const rounds: Round[] = [];
  let postErrors = 0;
  let unfinished = 0;

  // Ends of process instances come from the exporter's table: the broker's own clock, for both families alike.
  const lastEnd = async (where: (q: any) => void, n: number) =>
    waitFor(`${n} instances to end`, async () => {
      const q = db('zeebe_process_instances as p').whereNotNull('p.end_time');
      where(q);
      const r = await q.count({ n: '*' }).max({ last: 'p.end_time' }).first();
      return Number(r?.n ?? 0) >= n ? new Date(r!.last as string) : undefined;
    }, cfg.roundTimeoutMs);

  async function oursRound(): Promise<{ orders: number; last: Date }> {
    const ids: string[] = [];
    await inParallel(Array.from({ length: cfg.ordersPerRound }), cfg.concurrency, async () => {
      const res = await call(ctx.baseUrl, ctx.keys.crm, 'POST', ORDER_PATH, orderBody(ctx.nextGoodCustomer()));
      postMs.push(res.ms);
      if (res.status === 201) ids.push(res.body.id as string);
      else postErrors++;
    });
    await waitFor(`${ids.length} orders to finish`, async () => {
      const r = await db('product_orders').whereIn('id', ids).whereIn('state', FINAL).count({ n: '*' }).first();
      return Number(r?.n) === ids.length ? true : undefined;
    }, cfg.roundTimeoutMs).catch(() => undefined);
    const states = await db('product_orders').whereIn('id', ids).select('state');
    unfinished += states.filter((s) => s.state !== 'completed').length;
    const last = await lastEnd((q) => q.whereIn('p.key', db('product_orders').whereIn('id', ids).select(db.raw('process_instance_key::bigint'))), ids.length);
    return { orders: ids.length, last };
  }

  async function rawRound(): Promise<{ orders: number; last: Date }> {
    // The round's instances are the ones not there before it, not those "started since the round
    // began": once, an instance's start time from the broker was earlier than the bench's clock when
    // it began the round (the broker's actors read the clock when their turn begins), and the round
    // waited for its 60th instance until it timed out.
    const rawProcess = rawProcessId('order-fulfillment');
    const before: string[] = await db('zeebe_process_instances').where('bpmn_process_id', rawProcess).pluck('key');
    const ids = Array.from({ length: cfg.ordersPerRound }, () => randomUUID());
    await inParallel(ids, cfg.concurrency, (id) => startRawOrder(zeebe, id));
    const last = await lastEnd((q) => q.where('p.bpmn_process_id', rawProcess).whereNotIn('p.key', before), ids.length);
    return { orders: ids.length, last };
  }

  try {
    for (const { round: r, family } of roundPlan(cfg)) {
      const endUsage = ctx.usage.window();
      const commitsBefore = await commits(db);
      const started = new Date();
      const { orders, last } = family === 'ours' ? await oursRound() : await rawRound();
      const seconds = Math.max(0.001, (last.getTime() - started.getTime()) / 1000);
      const commitsDone = (await commits(db)) - commitsBefore;
      rounds.push({
        round: r, family, orders, seconds: round(seconds, 2)!, perSecond: round(orders / seconds, 2)!,
        commitsPerOrder: round(commitsDone / orders, 1)!, usage: endUsage(),
      });
      ctx.log(`engine round ${r || 'warm-up'} ${family}: ${orders} orders in ${seconds.toFixed(1)} s = ${(orders / seconds).toFixed(2)}/s`);
    }
  } finally {
    await crews.stop();
    await Promise.all(rawWorkers.map((w) => w.close()));
  }

  const crewFigures = crews.take();
  const counted = rounds.filter((r) => r.round > 0);
  const perSecond = (f: Family) => counted.filter((r) => r.family === f).map((r) => r.perSecond);
  const ours = median(perSecond('ours'))!;
  const raw = median(perSecond('raw'))!;
  return {
    engineRatio: round(ours / raw, 3)!,
    oursOrdersPerSecond: ours,
    rawOrdersPerSecond: raw,
    offering: BENCH_OFFERING,
    workOrdersPerOrder: workOrderKindsOf(BENCH_OFFERING).flat().length,
    ordersPerRound: cfg.ordersPerRound,
    concurrency: cfg.concurrency,
    rounds,
    postErrors,
    ordersNotCompleted: unfinished,
    apiLatencyMs: {
      postProductOrder: summary(postMs),
      crewPatchWorkOrder: summary(crewFigures.patchMs),
      crewListWorkOrders: summary(crewFigures.listMs),
    },
    crewFailures: crewFigures.failures,
    usage: { ours: meanUsage(counted.filter((r) => r.family === 'ours')), raw: meanUsage(counted.filter((r) => r.family === 'raw')) },
    where: await whereTimeGoes(ctx, scenarioStart, workerSettings.timeoutMs),
  };
}

function meanUsage(rounds: Round[]): UsageByProcess {
  const names = Object.keys(rounds[0]?.usage ?? {});
  return Object.fromEntries(names.map((name) => {
    const us = rounds.map((r) => r.usage[name]).filter((u) => u !== null && u !== undefined);
    if (!us.length) return [name, null];
    const mean = (f: (u: (typeof us)[number]) => number) => round(us.reduce((a, u) => a + f(u!), 0) / us.length)!;
    return [name, { cpuPct: mean((u) => u!.cpuPct), rssMbMean: mean((u) => u!.rssMbMean), rssMbMax: Math.max(...us.map((u) => u!.rssMbMax)), samples: us.reduce((a, u) => a + u!.samples, 0) }];
  }));
}

/**
 * Where an order's time goes, element by element, ours next to raw: each element's time from
 * activation to completion as the exporter recorded it. A service task's time is waiting for a
 * worker to take the job plus the worker's handler; the receive task is the crews' round trip.
 */
async function whereTimeGoes(ctx: BenchContext, since: Date, jobTimeoutMs: number) {
  const { rows } = await ctx.db.raw(
    `SELECT p.bpmn_process_id AS process, e.element_id AS element, e.element_type AS type, count(*)::int AS n,
            avg(extract(epoch FROM e.end_time - e.start_time) * 1000)::float8 AS mean_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM e.end_time - e.start_time) * 1000)::float8 AS p95_ms
       FROM zeebe_element_instances e JOIN zeebe_process_instances p ON p.key = e.process_instance_key
      WHERE p.start_time >= ? AND e.state = 'completed' AND e.end_time IS NOT NULL
        AND e.element_type IN ('SERVICE_TASK', 'RECEIVE_TASK', 'CALL_ACTIVITY', 'SUB_PROCESS', 'MULTI_INSTANCE_BODY')
      GROUP BY 1, 2, 3`,
    [since],
  );
  const { rows: whole } = await ctx.db.raw(
    `SELECT bpmn_process_id AS process, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM end_time - start_time) * 1000)::float8 AS p50_ms
       FROM zeebe_process_instances WHERE start_time >= ? AND state = 'completed' AND parent_process_instance_key IS NULL
      GROUP BY 1`,
    [since],
  );
  const key = (r: { process: string; element: string }) => `${r.process.replace(`${rawProcessId('')}`, '')}/${r.element}`;
  const raw = new Map<string, any>(rows.filter((r: any) => r.process.startsWith(rawProcessId(''))).map((r: any) => [key(r), r]));
  const elements = rows
    .filter((r: any) => !r.process.startsWith(rawProcessId('')))
    .map((r: any) => ({
      element: key(r),
      type: r.type as string,
      n: r.n as number,
      oursMeanMs: round(r.mean_ms)!,
      oursP95Ms: round(r.p95_ms)!,
      rawMeanMs: round(raw.get(key(r))?.mean_ms ?? null),
      rawP95Ms: round(raw.get(key(r))?.p95_ms ?? null),
    }))
    .sort((a: any, b: any) => (b.oursMeanMs - (b.rawMeanMs ?? 0)) - (a.oursMeanMs - (a.rawMeanMs ?? 0)));
  const p50 = (process: string) => round(whole.find((w: any) => w.process === process)?.p50_ms ?? null);
  // A job that took about the job timeout or longer went to a worker that never handled it
  // and was handed out again when its timeout ran out.
  const { rows: stalled } = await ctx.db.raw(
    `SELECT (p.bpmn_process_id LIKE ?) AS raw, count(*)::int AS n
       FROM zeebe_element_instances e JOIN zeebe_process_instances p ON p.key = e.process_instance_key
      WHERE p.start_time >= ? AND e.element_type = 'SERVICE_TASK' AND e.end_time - e.start_time >= ? * interval '1 millisecond'
      GROUP BY 1`,
    [`${rawProcessId('')}%`, since, jobTimeoutMs - 1000],
  );
  const stalledOf = (raw: boolean) => stalled.find((r: any) => r.raw === raw)?.n ?? 0;
  // Ours hands messages and completions to the broker through the outbox (the raw family calls it
  // at once): how long a row waited there after its transaction wrote it.
  const { rows: outbox } = await ctx.db.raw(
    `SELECT kind, CASE WHEN kind = 'zeebe-complete-job' THEN '(a job)' ELSE destination END AS destination, count(*)::int AS n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at) * 1000)::float8 AS p50_ms,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at) * 1000)::float8 AS p95_ms
       FROM outbox WHERE created_at >= ? AND delivered_at IS NOT NULL
      GROUP BY 1, 2 ORDER BY 3 DESC`,
    [since],
  );
  return {
    orderLatencyP50Ms: { ours: p50('order-fulfillment'), raw: p50(rawProcessId('order-fulfillment')) },
    jobsRedeliveredAfterTimeout: { ours: stalledOf(false), raw: stalledOf(true) },
    elements,
    outboxDelay: outbox.map((r: any) => ({ kind: r.kind as string, destination: r.destination as string, n: r.n as number, p50Ms: round(r.p50_ms)!, p95Ms: round(r.p95_ms)! })),
  };
}
