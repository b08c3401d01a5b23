import type { Knex } from 'knex';
import type { Db, Tx } from '../db/index.js';
import { writeTogether } from '../db/together.js';

export type StepOutput = Record<string, unknown>;

/** What a step's effect returns: its output, and rows to write with the result (its trace entry). */
export interface EffectResult<T extends StepOutput> {
  output: T;
  alongside?: Knex.QueryBuilder[];
}

/**
 * Zeebe delivers a job at least once. The step's effect and its result are committed together
 * under one key; a redelivered (or concurrently re-run) job waits on that key's row lock and
 * then returns the first run's result instead of repeating the effect.
 */
export async function runOnce<T extends StepOutput>(
  db: Db,
  key: string,
  orderId: string | null,
  effect: (trx: Tx) => Promise<EffectResult<T>>,
): Promise<{ output: T; repeated: boolean }> {
  return db.transaction(async (trx) => {
    const claimed = await trx('step_results')
      .insert({ key, order_id: orderId, output: '{}' })
      .onConflict('key')
      .ignore()
      .returning('key');
    if (claimed.length === 0) {
      const row = await trx('step_results').where({ key }).first();
      return { output: row.output as T, repeated: true };
    }
    const { output, alongside = [] } = await effect(trx);
    await writeTogether(trx, [...alongside, trx('step_results').where({ key }).update({ output: JSON.stringify(output) })]);
    return { output, repeated: false };
  });
}
