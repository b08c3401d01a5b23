import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/index.js';
import { createZeebe } from '../src/zeebe/client.js';
import { connectJobGateway } from '../src/zeebe/gateway.js';
import { fullConfig, quickConfig, scenarioNames, type BenchConfig, type ScenarioName } from './config.js';
import type { BenchContext } from './context.js';
import { benchKeys, blacklistedCustomer, createBenchData, goodCustomer } from './fixtures.js';
import { freeze, startUsageSampler } from './proc-usage.js';
import { markdown, targetTable, writeResults, type Headline } from './report.js';
import { engineScenario } from './scenarios/engine.js';
import { intakeScenario } from './scenarios/intake.js';
import { queriesScenario } from './scenarios/queries.js';
import { timersScenario } from './scenarios/timers.js';
import { startBenchStack } from './stack.js';

export interface BenchOptions {
  quick: boolean;
  outDir: string;
  only: ScenarioName[];
  command: string;
  findingsFile: string;
}

const round3 = (a: number[]) => a.map((v) => Math.round(v * 100) / 100);

/** Brings the service up, runs the scenarios in order, and writes the JSON and Markdown results. */
export async function runBench(opts: BenchOptions): Promise<{ result: any; files: { json: string; latest: string } }> {
  const cfg: BenchConfig = opts.quick ? quickConfig : fullConfig;
  const log = (m: string) => console.log(`[bench] ${m}`);
  const startedAt = new Date();
  const loadAverageStart = round3(os.loadavg());
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-bench-'));
  log(`${cfg.mode} run; service logs in ${runDir}`);

  const stack = await startBenchStack(runDir, log);
  const db = createDb(stack.databaseUrl, { min: 0, max: 8 }, 'bench');
  // The raw flow's workers poll with the service workers' own settings.
  const workerConfig = loadConfig({ ...process.env, DATABASE_URL: stack.databaseUrl });
  const zeebe = createZeebe(stack.zeebeGrpcAddress);
  const jobGateway = connectJobGateway(stack.zeebeGrpcAddress);
  const usage = startUsageSampler(stack.pids, {
    backends: async () => {
      const { rows } = await db.raw(`SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS label FROM pg_stat_activity`);
      return new Map(rows.map((r: { pid: number; label: string }) => [r.pid, r.label]));
    },
  });
  const scenarios: Record<string, any> = {};
  try {
    const engineOrders = (cfg.engine.warmupRounds + cfg.engine.rounds) * cfg.engine.ordersPerRound;
    // The rates, then 50/s once more with the engine frozen.
    const intakeOrders = Math.ceil([...cfg.intake.rates, 50].reduce((a, r) => a + r, 0) * cfg.intake.secondsPerRate * 1.5) + 100;
    await createBenchData(db, { orders: engineOrders, good: engineOrders + 100, blacklisted: intakeOrders });
    let good = 0;
    let blacklisted = 0;
    const ctx: BenchContext = {
      baseUrl: stack.baseUrl, db, zeebe, jobGateway, keys: await benchKeys(db), usage, log,
      freezeEngine: () => freeze([stack.pids.broker, stack.pids.workers].filter((p): p is number => p !== null)),
      nextGoodCustomer: () => goodCustomer(++good),
      nextBlacklistedCustomer: () => blacklistedCustomer(++blacklisted),
    };
    const runners: Record<ScenarioName, () => Promise<unknown>> = {
      engine: () => engineScenario(ctx, cfg.engine, {
        maxJobs: workerConfig.WORKER_MAX_JOBS, timeoutMs: workerConfig.WORKER_JOB_TIMEOUT_MS, longPollMs: workerConfig.WORKER_LONG_POLL_SECONDS * 1000,
      }),
      intake: () => intakeScenario(ctx, cfg.intake),
      timers: () => timersScenario(ctx, cfg.timers),
      queries: () => queriesScenario(ctx, cfg.queries),
    };
    for (const name of scenarioNames.filter((n) => opts.only.includes(n))) {
      const t0 = Date.now();
      log(`scenario ${name}…`);
      try {
        scenarios[name] = { ...(await runners[name]() as object), seconds: Math.round((Date.now() - t0) / 1000) };
      } catch (err) {
        log(`scenario ${name} failed: ${String((err as Error).stack ?? err)}`);
        scenarios[name] = { error: String((err as Error).message ?? err) };
      }
    }
  } finally {
    usage.stop();
    jobGateway.close();
    await zeebe.close();
    await db.destroy();
    await stack.stop();
  }

  const headline: Headline = {
    engineRatio: scenarios.engine?.engineRatio ?? null,
    intakeP99Ms: scenarios.intake?.intakeP99Ms ?? null,
    lostOrders: scenarios.intake?.lostOrders ?? null,
    alarmLagP99Ms: scenarios.timers?.alarmLagP99Ms ?? null,
    boardP95Ms: scenarios.queries?.boardP95Ms ?? null,
  };
  const result = {
    ...headline,
    mode: cfg.mode,
    command: opts.command,
    startedAt: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20),
      loadAverageStart, loadAverageEnd: round3(os.loadavg()),
    },
    targets: targetTable(headline),
    config: cfg,
    scenarios,
  };
  const findings = fs.existsSync(opts.findingsFile) ? fs.readFileSync(opts.findingsFile, 'utf8') : null;
  const files = writeResults(opts.outDir, result, markdown(result, findings));
  console.table(result.targets);
  log(`results: ${files.json} (and ${files.latest})`);
  return { result, files };
}
