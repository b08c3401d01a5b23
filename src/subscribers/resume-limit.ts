import type { Tx } from '../db/index.js';
import { nextThreshold, NoPolicyError, startClock, stopClock, type DeadlineVar } from '../sla/clock.js';
import type { CommandRow } from './commands.js';

export const RESUME_FLOW = 'suspend-resume';
export const RESUME_STEP = 'resume';

/**
 * The time limit on resumption (e.g. services back within 30 minutes of payment) runs on the
 * generic SLA clock from billing's issue time, not from when the command reached us. Without a
 * policy there is no limit to watch — resumption itself must never wait on SLA configuration.
 */
export async function startResumeClock(trx: Tx, row: CommandRow, now: Date): Promise<DeadlineVar | null> {
  try {
    const clock = await startClock(trx, { flow: RESUME_FLOW, subjectId: row.id, step: RESUME_STEP, context: {}, now: new Date(row.issued_at) });
    return nextThreshold(clock, now);
  } catch (err) {
    if (err instanceof NoPolicyError) return null;
    throw err;
  }
}

/** The network has resumed the services: the clock stops and its alarms clear. */
export const stopResumeClock = (trx: Tx, row: CommandRow, now: Date) => stopClock(trx, row.id, RESUME_STEP, '', now);
