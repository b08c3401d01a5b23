import type { BenchContext, UsageByProcess } from '../context.js';
import { orderBody } from '../fixtures.js';
import { ORDER_PATH, sleep } from '../http.js';
import { openLoop } from '../open-loop.js';
import { percentile, round } from '../stats.js';

export interface IntakeConfig {
  rates: number[];
  secondsPerRate: number;
  /** How long accepted orders get to reach a final state after the last rate. */
  drainTimeoutMs: number;
}

const FINAL = ['completed', 'rejected', 'failed', 'cancelled'];

type RateRun = {
  rate: number; engine: 'running' | 'frozen'; seconds: number; sent: number; accepted: number; non2xx: number; errors: number; timeouts: number;
  p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number;
  /** How late the bench itself sent requests, p99 (already inside the latencies). */
  sendLagP99Ms: number;
  usage: UsageByProcess;
};

/**
 * Intake: POST productOrder at fixed rates, evenly spaced and not waiting for answers (an open
 * model, bench/open-loop.ts), each request timed from when it was due, so coordinated omission is
 * corrected. Each order is for a customer of its own on the blacklist, so every accepted order
 * runs the flow through accept and review to a final state (rejected) without waiting for crews:
 * this scenario is about taking orders in and handing them to the engine without losing any, the
 * full path is the engine scenario's.
 */
export async function intakeScenario(ctx: BenchContext, cfg: IntakeConfig) {
  const accepted: string[] = [];

  async function postAt(rate: number, engine: RateRun['engine']): Promise<RateRun> {
    const endUsage = ctx.usage.window();
    let acceptedHere = 0;
    const result = await openLoop({
      rate,
      seconds: cfg.secondsPerRate,
      timeoutMs: 10_000,
      ok: (status) => status === 201,
      send: async (_i, signal) => {
        const res = await fetch(`${ctx.baseUrl}${ORDER_PATH}`, {
          method: 'POST',
          signal,
          headers: { authorization: `Bearer ${ctx.keys.crm}`, 'content-type': 'application/json' },
          body: JSON.stringify(orderBody(ctx.nextBlacklistedCustomer())),
        });
        const body = await res.text();
        if (res.status === 201) {
          accepted.push(JSON.parse(body).id as string);
          acceptedHere++;
        }
        return res.status;
      },
    });
    const p = (q: number) => round(percentile(result.latenciesMs, q)) ?? 0;
    const run: RateRun = {
      rate, engine, seconds: cfg.secondsPerRate, sent: result.sent, accepted: acceptedHere, non2xx: result.non2xx,
      errors: result.errors, timeouts: result.timeouts,
      p50Ms: p(50), p90Ms: p(90), p99Ms: p(99), maxMs: p(100), sendLagP99Ms: round(result.sendLagP99Ms) ?? 0,
      usage: endUsage(),
    };
    ctx.log(`intake ${rate}/s (engine ${engine}): ${acceptedHere} accepted, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts`);
    return run;
  }

  const perRate: RateRun[] = [];
  for (const rate of cfg.rates) perRate.push(await postAt(rate, 'running'));
  // The same 50/s with the broker and the workers stopped: what our own path (API, PostgreSQL)
  // answers when it does not share two cores with the engine. Orders taken meanwhile wait in the
  // outbox and start when the engine goes on; they are counted in the drain below like the rest.
  const thaw = ctx.freezeEngine();
  let frozen: RateRun;
  try {
    frozen = await postAt(50, 'frozen');
  } finally {
    thaw();
  }

  // Every accepted order must exist and reach a final state.
  const drainStart = Date.now();
  let notFinal = accepted.length;
  let missing = accepted.length;
  for (;;) {
    const [{ n: existing }, { n: final }] = await Promise.all([
      ctx.db('product_orders').whereRaw('id = ANY(?::uuid[])', [accepted]).count({ n: '*' }).first() as Promise<{ n: string }>,
      ctx.db('product_orders').whereRaw('id = ANY(?::uuid[])', [accepted]).whereIn('state', FINAL).count({ n: '*' }).first() as Promise<{ n: string }>,
    ]);
    missing = accepted.length - Number(existing);
    notFinal = accepted.length - Number(final);
    if (notFinal === 0 || Date.now() - drainStart > cfg.drainTimeoutMs) break;
    await sleep(1000);
  }
  const at50 = perRate.find((r) => r.rate === 50) ?? perRate[perRate.length - 1]!;
  return {
    intakeP99Ms: at50.p99Ms,
    /** The same rate's p99 with the engine stopped: the part of intakeP99Ms that is our own path. */
    intakeP99MsEngineFrozen: frozen.p99Ms,
    lostOrders: notFinal,
    accepted: accepted.length,
    missing,
    notFinalAfterDrain: notFinal,
    drainSeconds: round((Date.now() - drainStart) / 1000),
    finalStates: await ctx.db.raw('SELECT state, count(*)::int AS n FROM product_orders WHERE id = ANY(?::uuid[]) GROUP BY state', [accepted])
      .then(({ rows }) => Object.fromEntries(rows.map((r: { state: string; n: number }) => [r.state, r.n]))),
    coordinatedOmissionCorrected: true,
    arrivals: 'evenly spaced, open model (bench/open-loop.ts)',
    perRate: [...perRate, frozen],
  };
}
