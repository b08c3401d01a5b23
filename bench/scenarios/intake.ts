import autocannon from 'autocannon';
import type { BenchContext, UsageByProcess } from '../context.js';
import { orderBody } from '../fixtures.js';
import { ORDER_PATH, sleep } from '../http.js';
import { round } from '../stats.js';

export interface IntakeConfig {
  rates: number[];
  secondsPerRate: number;
  /** How long accepted orders get to reach a final state after the last rate. */
  drainTimeoutMs: number;
}

const FINAL = ['completed', 'rejected', 'failed', 'cancelled'];

type RateRun = {
  rate: number; engine: 'running' | 'frozen'; seconds: number; sent: number; accepted: number; non2xx: number; errors: number; timeouts: number;
  p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; usage: UsageByProcess;
};

/**
 * Intake: POST productOrder at fixed rates. autocannon in rate mode measures each request's
 * latency from when it should have been sent (coordinated omission corrected). Each order is for
 * a customer of its own on the blacklist, so every accepted order runs the flow through accept
 * and review to a final state (rejected) without waiting for crews: this scenario is about taking
 * orders in and handing them to the engine without losing any, the full path is the engine
 * scenario's.
 */
export async function intakeScenario(ctx: BenchContext, cfg: IntakeConfig) {
  const accepted: string[] = [];

  async function postAt(rate: number, engine: RateRun['engine']): Promise<RateRun> {
    const endUsage = ctx.usage.window();
    let acceptedHere = 0;
    const result = await autocannon({
      url: `${ctx.baseUrl}${ORDER_PATH}`,
      // Each connection sends one request at a time: with two seconds' worth of connections a
      // response may take up to 2 s before the schedule falls behind (the CO correction still
      // counts what was missed, but fewer orders would reach the service than the rate says).
      connections: Math.max(10, rate * 2),
      overallRate: rate,
      duration: cfg.secondsPerRate,
      timeout: 10,
      headers: { authorization: `Bearer ${ctx.keys.crm}`, 'content-type': 'application/json' },
      requests: [{
        method: 'POST',
        setupRequest: (req) => ({ ...req, body: JSON.stringify(orderBody(ctx.nextBlacklistedCustomer())) }),
        onResponse: (status, body) => {
          if (status !== 201) return;
          accepted.push(JSON.parse(body).id as string);
          acceptedHere++;
        },
      }],
    });
    ctx.log(`intake ${rate}/s (engine ${engine}): ${acceptedHere} accepted, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
    return {
      rate, engine, seconds: cfg.secondsPerRate, sent: result.requests.sent, accepted: acceptedHere, non2xx: result.non2xx,
      errors: result.errors, timeouts: result.timeouts,
      p50Ms: result.latency.p50, p90Ms: result.latency.p90, p99Ms: result.latency.p99, maxMs: result.latency.max,
      usage: endUsage(),
    };
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
    perRate: [...perRate, frozen],
  };
}
