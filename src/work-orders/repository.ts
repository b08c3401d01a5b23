import type { Db, Tx } from '../db/index.js';
import { enqueue } from '../outbox/index.js';
import { stopClock } from '../sla/clock.js';
import { recordEvent, recordStep } from '../trace/index.js';
import { validateMeasurements, type MeasurementField } from './measurements.js';
import { loadWorkSubject, type SubjectType } from './subjects.js';

type Conn = Db | Tx;

export type WorkOrderState = 'acknowledged' | 'inProgress' | 'held' | 'completed' | 'cancelled';

export interface WorkOrderRow {
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  scope_key: string;
  /** Set for a product order's work, which the board, amendments and cancellations follow. */
  order_id: string | null;
  business_resource_id: string | null;
  emergency: boolean;
  brief: string | null;
  kind: string;
  state: WorkOrderState;
  crew_id: string | null;
  area: string | null;
  skill: string;
  measurements: Record<string, unknown> | null;
  result: string | null;
  note: string | null;
  created_at: Date;
  accepted_at: Date | null;
  closed_at: Date | null;
}

/** The step name of a work order of a kind, in the trace and in SLA policies. */
export const workOrderStep = (kind: string) => `work-order:${kind}`;

export class WorkOrderConflict extends Error {}
export class WorkOrderInvalid extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

export interface DispatchInput {
  subjectType: SubjectType;
  subjectId: string;
  /** Which part of the subject the work is for; with the kind, it makes the work order unique. */
  scopeKey: string;
  kind: string;
}

/**
 * Creates the work order for one part of a subject and kind (once: the triple is unique) and
 * hands it to the least-loaded crew with the skill in the subject's area.
 */
export async function dispatchWorkOrder(trx: Tx, input: DispatchInput): Promise<WorkOrderRow> {
  const key = { subject_id: input.subjectId, scope_key: input.scopeKey, kind: input.kind };
  const existing = await trx('work_orders').where(key).first();
  if (existing) return existing;
  const kind = await trx('work_order_kinds').where({ kind: input.kind }).first();
  if (!kind) throw new Error(`unknown work order kind ${input.kind}`);
  const subject = await loadWorkSubject(trx, input.subjectType, input.subjectId, input.scopeKey);
  const crew = await trx('crews as c')
    .select('c.id')
    .where('c.area', subject.area)
    .whereRaw('? = ANY(c.skills)', [kind.skill])
    .orderByRaw(`(SELECT count(*) FROM work_orders w WHERE w.crew_id = c.id AND w.state IN ('acknowledged','inProgress'))`)
    .orderBy('c.id')
    .first();
  const [row] = await trx('work_orders')
    .insert({
      ...key,
      subject_type: input.subjectType,
      order_id: subject.orderId,
      business_resource_id: subject.businessResourceId,
      emergency: subject.emergency,
      brief: subject.brief,
      skill: kind.skill,
      area: subject.area,
      crew_id: crew?.id ?? null,
    })
    .onConflict(['subject_id', 'scope_key', 'kind'])
    .ignore()
    .returning('*');
  return row ?? (await trx('work_orders').where(key).first());
}

export async function getWorkOrder(conn: Conn, id: string): Promise<WorkOrderRow | undefined> {
  return conn('work_orders').where({ id }).first();
}

export async function acceptWorkOrder(trx: Tx, id: string, actor: string): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state === 'inProgress') return wo;
  if (wo.state !== 'acknowledged') throw new WorkOrderConflict(`work order is ${wo.state}; only an acknowledged one can be accepted`);
  const [row] = await trx('work_orders').where({ id }).update({ state: 'inProgress', accepted_at: trx.fn.now() }).returning('*');
  await recordEvent(trx, wo.subject_id, 'action', actor, 'work order accepted', { workOrderId: id, kind: wo.kind });
  return row;
}

/**
 * The crew's close: measurements checked against the kind's fields, the work order completed,
 * and the flow resumed by a message (through the outbox, so a broker outage only delays it).
 */
export async function closeWorkOrder(
  trx: Tx,
  id: string,
  input: { result?: string; note?: string; measurements?: Record<string, unknown> },
  actor: string,
): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state === 'completed') throw new WorkOrderConflict('work order is already closed');
  if (wo.state === 'cancelled') throw new WorkOrderConflict('work order was cancelled; the close was not recorded');
  if (wo.state === 'held') throw new WorkOrderConflict('work order is on hold: the customer deferred installation');
  const kind = await trx('work_order_kinds').where({ kind: wo.kind }).first();
  const problems = validateMeasurements(kind.measurement_fields as MeasurementField[], input.measurements ?? {});
  if (problems.length) throw new WorkOrderInvalid(problems);
  const [row] = await trx('work_orders')
    .where({ id })
    .update({
      state: 'completed',
      measurements: JSON.stringify(input.measurements ?? {}),
      result: input.result ?? 'done',
      note: input.note ?? null,
      accepted_at: wo.accepted_at ?? trx.fn.now(),
      closed_at: trx.fn.now(),
    })
    .returning('*');
  await recordStep(trx, {
    orderId: wo.subject_id,
    step: workOrderStep(wo.kind),
    scopeKey: id,
    actor,
    outcome: 'completed',
    enteredAt: wo.created_at,
    details: { crewId: wo.crew_id, measurements: input.measurements ?? {} },
  });
  await stopClock(trx, wo.subject_id, workOrderStep(wo.kind), id);
  await enqueue(trx, {
    kind: 'zeebe-message',
    messageId: `work-order-closed:${id}`,
    name: 'work-order-closed',
    correlationKey: id,
    variables: { workOrderResult: row.result },
    orderId: wo.subject_id,
  });
  return row;
}
