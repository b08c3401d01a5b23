import type { Db, Tx } from '../db/index.js';
import { writeTogether } from '../db/together.js';
import { outboxInsert } from '../outbox/index.js';
import { clockStopWrites } from '../sla/clock.js';
import { eventTraceInsert, recordEvent, stepTraceInsert } from '../trace/index.js';
import { linkedForm, type FormRef } from '../forms/repository.js';
import { checkSubmission } from '../forms/submission.js';
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
  /** The form version the crew closed it with; null before the close or when its step had no form. */
  form_id: string | null;
  form_version: number | null;
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
  const crew = await leastLoadedCrew(trx, { area: subject.area, skill: kind.skill });
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

/** The crew of the skill in the area with the fewest open work orders, leaving out the given crews. */
async function leastLoadedCrew(trx: Tx, input: { area: string | null; skill: string; except?: string[] }): Promise<{ id: string } | undefined> {
  return trx('crews as c')
    .select('c.id')
    .where('c.area', input.area)
    .whereRaw('? = ANY(c.skills)', [input.skill])
    .modify((q) => (input.except?.length ? q.whereNotIn('c.id', input.except) : q))
    .orderByRaw(`(SELECT count(*) FROM work_orders w WHERE w.crew_id = c.id AND w.state IN ('acknowledged','inProgress'))`)
    .orderBy('c.id')
    .first();
}

export async function getWorkOrder(conn: Conn, id: string): Promise<WorkOrderRow | undefined> {
  return conn('work_orders').where({ id }).first();
}

export async function acceptWorkOrder(trx: Tx, id: string, actor: string): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state === 'inProgress') return wo;
  if (wo.state !== 'acknowledged') throw new WorkOrderConflict(`work order is ${wo.state}; only an acknowledged one can be accepted`);
  const [row] = await writeTogether<WorkOrderRow>(trx, [
    trx('work_orders').where({ id }).update({ state: 'inProgress', accepted_at: trx.fn.now() }).returning('*'),
    eventTraceInsert(trx, wo.subject_id, 'action', actor, 'work order accepted', { workOrderId: id, kind: wo.kind }),
  ]);
  return row!;
}

/**
 * The crew's close: measurements checked against the form linked to the work order's step, the
 * work order completed with the form version it was closed with, and the flow resumed by a
 * message (through the outbox, so a broker outage only delays it). `input.form`, when given, is
 * the version the crew filled in: if the step has moved on to another since, the close is refused
 * so the crew sees the form that applies now.
 */
export async function closeWorkOrder(
  trx: Tx,
  id: string,
  input: { result?: string; note?: string; measurements?: Record<string, unknown>; form?: FormRef },
  actor: string,
): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state === 'completed') throw new WorkOrderConflict('work order is already closed');
  if (wo.state === 'cancelled') throw new WorkOrderConflict('work order was cancelled; the close was not recorded');
  if (wo.state === 'held') throw new WorkOrderConflict('work order is on hold: the customer deferred installation');
  const step = workOrderStep(wo.kind);
  const form = await linkedForm(trx, step);
  if (input.form && (input.form.id !== form?.id || input.form.version !== form.version)) {
    throw new WorkOrderConflict(`the form of this step is now ${form ? `${form.id} version ${form.version}` : 'none'}; fill in that one`);
  }
  const { problems, values } = checkSubmission(form?.schema ?? { type: 'default', components: [] }, input.measurements ?? {}, 'measurements');
  if (problems.length) throw new WorkOrderInvalid(problems);
  const result = input.result ?? 'done';
  // The close, its trace, its clock and the message to the waiting flow: one round trip.
  const [row] = await writeTogether<WorkOrderRow>(trx, [
    trx('work_orders')
      .where({ id })
      .update({
        state: 'completed',
        measurements: JSON.stringify(values),
        form_id: form?.id ?? null,
        form_version: form?.version ?? null,
        result,
        note: input.note ?? null,
        accepted_at: wo.accepted_at ?? trx.fn.now(),
        closed_at: trx.fn.now(),
      })
      .returning('*'),
    stepTraceInsert(trx, {
      orderId: wo.subject_id,
      step,
      scopeKey: id,
      actor,
      outcome: 'completed',
      enteredAt: wo.created_at,
      details: { crewId: wo.crew_id, measurements: values, ...(form ? { form: { id: form.id, version: form.version } } : {}) },
    }),
    ...clockStopWrites(trx, wo.subject_id, step, id, new Date()),
    outboxInsert(trx, {
      kind: 'zeebe-message',
      messageId: `work-order-closed:${id}`,
      name: 'work-order-closed',
      correlationKey: id,
      variables: { workOrderResult: result },
      orderId: wo.subject_id,
    }),
  ]);
  return row!;
}

/**
 * A crew gives a work order back with a reason: it goes back to dispatch, to the least-loaded
 * other crew of the skill in the area that has not returned it yet, or, when there is none, to
 * the dispatcher's queue (no crew). It stays the same work order, so the flow waiting for its
 * close and its time limit carry on untouched.
 */
export async function returnWorkOrder(trx: Tx, id: string, reason: string, actor: string): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state !== 'acknowledged' && wo.state !== 'inProgress') throw new WorkOrderConflict(`work order is ${wo.state}; only an open one can be returned`);
  const returnedBy: string[] = await trx('work_order_returns').where({ work_order_id: id }).whereNotNull('crew_id').pluck('crew_id');
  const crew = await leastLoadedCrew(trx, { area: wo.area, skill: wo.skill, except: [...returnedBy, ...(wo.crew_id ? [wo.crew_id] : [])] });
  const [row] = await trx('work_orders').where({ id }).update({ state: 'acknowledged', crew_id: crew?.id ?? null, accepted_at: null }).returning('*');
  await trx('work_order_returns').insert({ work_order_id: id, crew_id: wo.crew_id, reason, actor, reassigned_to: crew?.id ?? null });
  await recordEvent(trx, wo.subject_id, 'action', actor, crew ? 'work order returned and reassigned' : 'work order returned to the dispatcher', {
    workOrderId: id, kind: wo.kind, fromCrew: wo.crew_id, toCrew: crew?.id ?? null, reason,
  });
  return row;
}

/** A dispatcher hands an open work order to a crew of its skill (e.g. one nobody was left to take). */
export async function assignWorkOrder(trx: Tx, id: string, crewId: string, actor: string): Promise<WorkOrderRow> {
  const wo: WorkOrderRow | undefined = await trx('work_orders').where({ id }).forUpdate().first();
  if (!wo) throw new Error(`work order ${id} does not exist`);
  if (wo.state !== 'acknowledged' && wo.state !== 'inProgress') throw new WorkOrderConflict(`work order is ${wo.state}; only an open one can be assigned`);
  const crew = await trx('crews').where({ id: crewId }).first();
  if (!crew) throw new WorkOrderInvalid([`crew ${crewId} does not exist`]);
  if (!(crew.skills as string[]).includes(wo.skill)) throw new WorkOrderInvalid([`crew ${crewId} lacks the skill ${wo.skill}`]);
  if (wo.crew_id === crewId) return wo;
  const [row] = await trx('work_orders').where({ id }).update({ state: 'acknowledged', crew_id: crewId, accepted_at: null }).returning('*');
  await recordEvent(trx, wo.subject_id, 'action', actor, 'work order assigned', { workOrderId: id, kind: wo.kind, fromCrew: wo.crew_id, toCrew: crewId });
  return row;
}
