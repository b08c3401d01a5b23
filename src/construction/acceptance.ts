import type { Db, Tx } from '../db/index.js';

/**
 * The result a measurement crew closes an acceptance work order with when the site does not pass
 * (验收不通过). The form only refuses readings no instrument gives; whether readings meet what the
 * design asked for is the crew's judgement, recorded as the work order's result with the readings.
 */
export const ACCEPTANCE_FAILED = 'failed';

/**
 * Whether a site passed the acceptance test of one round. A test the dispatcher skipped from the
 * exception queue (no work order: done outside the system) counts as passed.
 */
export async function acceptancePassed(conn: Db | Tx, constructionOrderId: string, scopeKey: string): Promise<boolean> {
  const test = await conn('work_orders').where({ subject_id: constructionOrderId, scope_key: scopeKey, kind: 'acceptance-test' }).first('result');
  return test?.result !== ACCEPTANCE_FAILED;
}
