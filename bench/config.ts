import type { EngineConfig } from './scenarios/engine.js';
import type { IntakeConfig } from './scenarios/intake.js';
import type { QueriesConfig } from './scenarios/queries.js';
import type { TimersConfig } from './scenarios/timers.js';

export interface BenchConfig {
  mode: 'full' | 'quick';
  engine: EngineConfig;
  intake: IntakeConfig;
  timers: TimersConfig;
  queries: QueriesConfig;
}

const minutes = (n: number) => n * 60_000;

/** The sizes the issue asks for. */
export const fullConfig: BenchConfig = {
  mode: 'full',
  // Five counted rounds each: the median of three moved by up to a quarter between runs.
  engine: { warmupRounds: 1, rounds: 5, ordersPerRound: 60, concurrency: 8, roundTimeoutMs: minutes(10) },
  intake: { rates: [20, 50, 100], secondsPerRate: 60, drainTimeoutMs: minutes(15) },
  // Clocks are started soonest-due first; the lead leaves time to start all 10,000 before the first is due.
  timers: { timers: 10_000, leadMs: 150_000, spreadMs: 180_000, drainTimeoutMs: minutes(3), deadlineQueries: 50 },
  queries: { orders: 100_000, samples: 50 },
};

/** A smoke run: every scenario, a few seconds of load each, same fields. */
export const quickConfig: BenchConfig = {
  mode: 'quick',
  engine: { warmupRounds: 0, rounds: 1, ordersPerRound: 4, concurrency: 4, roundTimeoutMs: minutes(3) },
  intake: { rates: [20, 50, 100], secondsPerRate: 2, drainTimeoutMs: minutes(2) },
  timers: { timers: 200, leadMs: 8_000, spreadMs: 8_000, drainTimeoutMs: minutes(1), deadlineQueries: 10 },
  queries: { orders: 2_000, samples: 10 },
};

export const scenarioNames = ['engine', 'intake', 'timers', 'queries'] as const;
export type ScenarioName = (typeof scenarioNames)[number];
