import type { Tx } from '../db/index.js';
import { stopAllClocks } from '../sla/clock.js';
import { releaseMaterials } from './materials.js';
import { hasEnded, lockConstructionOrder, setConstructionState } from './repository.js';

/** What an early end took back from the field and the store. */
export interface Withdrawn {
  workOrdersCancelled: string[];
  postTasksWithdrawn: string[];
  materialsReleased: string[];
}

/**
 * Takes back everything a construction order still holds: open work orders are cancelled (crews
 * see them cancelled and can no longer close them), open post tasks are withdrawn, reserved
 * materials go back to the store and its clocks stop. Sites and anything already built stay as
 * they are: nothing enters the inventory. Safe to run again; a second run finds nothing left.
 */
export async function withdrawConstruction(trx: Tx, id: string, note: string, now: Date): Promise<Withdrawn> {
  const workOrders: { id: string }[] = await trx('work_orders')
    .where({ subject_id: id })
    .whereIn('state', ['acknowledged', 'inProgress', 'held'])
    .update({ state: 'cancelled', closed_at: now, note })
    .returning('id');
  const tasks: { id: string }[] = await trx('post_tasks')
    .where({ subject_id: id, state: 'open' })
    .update({ state: 'cancelled', completed_at: now })
    .returning('id');
  const materialsReleased = await releaseMaterials(trx, id);
  await stopAllClocks(trx, id, now);
  return { workOrdersCancelled: workOrders.map((w) => w.id), postTasksWithdrawn: tasks.map((t) => t.id), materialsReleased };
}

/**
 * Ends a construction order before its sites were archived — cancelled by its requester, or failed
 * when a dispatcher aborted its flow — and takes back what it holds before the requester is told,
 * so the callback shows the materials released. Nothing is touched when it had already ended: its
 * row lock orders this against archiving and against a second cancel.
 */
export async function endConstruction(
  trx: Tx,
  id: string,
  outcome: { state: 'cancelled' | 'failed'; reason: string; actor: string },
  now: Date,
): Promise<void> {
  const order = await lockConstructionOrder(trx, id);
  if (!order || hasEnded(order)) return;
  await withdrawConstruction(trx, id, outcome.reason, now);
  await setConstructionState(trx, id, outcome.state, outcome.actor, outcome.reason);
}
