import os from 'node:os';
import type { Tx } from '../src/db/index.js';
import { runOnce, type StepOutput } from '../src/steps/run-once.js';
import { stepTraceInsert } from '../src/trace/index.js';
import type { WorkerDeps } from './deps.js';

export const workerActor = `worker:${os.hostname()}:${process.pid}`;

export interface StepResult<T extends StepOutput> {
  output: T;
  outcome?: string;
  details?: Record<string, unknown>;
}

/**
 * Runs one step's effect exactly once per business key and writes its trace entry in the same
 * transaction; a redelivered job gets the first run's output back.
 */
export async function runStep<T extends StepOutput>(
  deps: WorkerDeps,
  step: { name: string; orderId: string; scopeKey?: string },
  effect: (trx: Tx) => Promise<StepResult<T>>,
): Promise<T> {
  const enteredAt = deps.now();
  const key = `${step.name}:${step.orderId}:${step.scopeKey ?? ''}`;
  const { output } = await runOnce<T>(deps.db, key, step.orderId, async (trx) => {
    const result = await effect(trx);
    const trace = stepTraceInsert(trx, {
      orderId: step.orderId,
      step: step.name,
      scopeKey: step.scopeKey ?? null,
      actor: workerActor,
      outcome: result.outcome ?? 'done',
      enteredAt,
      details: result.details,
    });
    return { output: result.output, alongside: [trace] };
  });
  return output;
}
