import type { BenchContext } from '../context.js';
import { call, inParallel, sleep } from '../http.js';
import { round, summary } from '../stats.js';

export interface TimersConfig {
  timers: number;
  /** The first pre-alarm falls this long after the clocks start being created; the rest spread over `spreadMs`. */
  leadMs: number;
  spreadMs: number;
  /** How long after the last due time every alarm must have been recorded. */
  drainTimeoutMs: number;
  deadlineQueries: number;
}

const FLOW = 'bench-timers';

/**
 * Timers: many running steps, each with a deadline and the shared `sla-clock` flow watching it,
 * pre-alarms due over a few minutes. Measures the lag from each pre-alarm's due time to its alarm
 * record (the timer firing, the job reaching a worker, `sla.check` writing the alarm), and the
 * running-deadline board's query time with that many deadlines open.
 */
export async function timersScenario(ctx: BenchContext, cfg: TimersConfig) {
  const { db, zeebe } = ctx;
  const endUsage = ctx.usage.window();
  const t0 = Date.now() + cfg.leadMs;
  // One row per step; the limit lies an hour after the pre-alarm so only the pre-alarm falls in the run.
  const { rows: deadlines } = await db.raw(
    `INSERT INTO deadlines (flow, subject_id, step, scope_key, post_id, started_at, warn_at, due_at, escalate_after_seconds)
     SELECT ?, gen_random_uuid(), 'bench-step', '', 'dispatch-desk', now(),
            to_timestamp((? + (n - 1) * ?::float8 / greatest(? - 1, 1)) / 1000.0),
            to_timestamp((? + (n - 1) * ?::float8 / greatest(? - 1, 1)) / 1000.0) + interval '1 hour', null
       FROM generate_series(1, ?) n
     RETURNING id, warn_at`,
    [FLOW, t0, cfg.spreadMs, cfg.timers, t0, cfg.spreadMs, cfg.timers, cfg.timers],
  );
  deadlines.sort((a: any, b: any) => new Date(a.warn_at).getTime() - new Date(b.warn_at).getTime());

  const createStarted = Date.now();
  let createdLate = 0;
  const instanceOf = new Map<string, string>();
  await inParallel(deadlines as { id: string; warn_at: Date }[], 16, async (d) => {
    const nextAt = new Date(d.warn_at).toISOString();
    const started = await zeebe.createProcessInstance({ bpmnProcessId: 'sla-clock', variables: { deadline: { id: d.id, nextAt, watch: true } } });
    instanceOf.set(d.id, started.processInstanceKey);
    if (Date.now() > new Date(d.warn_at).getTime()) createdLate++;
  });
  const createSeconds = (Date.now() - createStarted) / 1000;
  ctx.log(`timers: ${deadlines.length} clocks started in ${createSeconds.toFixed(1)} s (${createdLate} after their due time)`);

  // The dispatchers' running-deadline board with every clock still open.
  const queryMs: number[] = [];
  for (let i = 0; i < cfg.deadlineQueries; i++) {
    const res = await call(ctx.baseUrl, ctx.keys.dispatcher, 'GET', '/api/v1/deadlines?state=running&limit=50');
    if (res.status !== 200) throw new Error(`GET /api/v1/deadlines answered ${res.status}`);
    queryMs.push(res.ms);
  }
  const openDeadlines = Number((await db('deadlines').whereNot('state', 'done').count({ n: '*' }).first())?.n);

  const lastDue = t0 + cfg.spreadMs;
  const until = lastDue + cfg.drainTimeoutMs;
  let raised = 0;
  while (Date.now() < until) {
    raised = Number((await db('alarms').where({ flow: FLOW, level: 'pre-alarm' }).count({ n: '*' }).first())?.n);
    if (raised >= deadlines.length) break;
    await sleep(1000);
  }
  const { rows: lags } = await db.raw(
    `SELECT extract(epoch FROM a.raised_at - d.warn_at) * 1000 AS lag_ms
       FROM alarms a JOIN deadlines d ON d.id = a.deadline_id
      WHERE a.flow = ? AND a.level = 'pre-alarm'`,
    [FLOW],
  );
  const lag = summary(lags.map((r: { lag_ms: string }) => Number(r.lag_ms)));
  // The lag in its parts, from the exporter's records of each clock's instance: the broker firing
  // the timer, then the job waiting for a worker and the worker recording the alarm.
  const { rows: parts } = await db.raw(
    `SELECT extract(epoch FROM t.end_time - d.warn_at) * 1000 AS timer_ms,
            extract(epoch FROM a.raised_at - j.start_time) * 1000 AS pickup_ms,
            extract(epoch FROM j.end_time - a.raised_at) * 1000 AS handler_and_complete_ms
       FROM unnest(?::uuid[], ?::bigint[]) m(deadline_id, instance_key)
       JOIN deadlines d ON d.id = m.deadline_id
       JOIN alarms a ON a.deadline_id = d.id AND a.level = 'pre-alarm'
       JOIN zeebe_element_instances t ON t.process_instance_key = m.instance_key AND t.element_id = 'Event_ThresholdReached' AND t.end_time IS NOT NULL
       JOIN LATERAL (SELECT start_time, end_time FROM zeebe_element_instances
                      WHERE process_instance_key = m.instance_key AND element_id = 'Activity_CheckTimeLimit'
                      ORDER BY start_time LIMIT 1) j ON true`,
    [[...instanceOf.keys()], [...instanceOf.values()]],
  );
  const part = (k: string) => summary(parts.map((r: Record<string, string>) => Number(r[k])));
  const lagParts = { dueToTimerFired: part('timer_ms'), jobCreatedToWorkerRecords: part('pickup_ms'), recordToJobCompleted: part('handler_and_complete_ms') };
  return {
    alarmLagP99Ms: lag.p99,
    timers: deadlines.length,
    alarmsRecorded: raised,
    alarmsMissing: deadlines.length - raised,
    spreadSeconds: cfg.spreadMs / 1000,
    clocksStartedInSeconds: round(createSeconds),
    clocksStartedAfterDue: createdLate,
    alarmLagMs: lag,
    alarmLagPartsMs: lagParts,
    runningDeadlinesQuery: { openDeadlines, ms: summary(queryMs) },
    usage: endUsage(),
  };
}
