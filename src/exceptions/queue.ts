import { readProcesses } from '../bpmn/model.js';
import { endConstruction } from '../construction/end.js';
import { cancelTicket } from '../tickets/cancel.js';
import { isOpen } from '../tickets/repository.js';
import type { Db, Tx } from '../db/index.js';
import { retryIncident } from '../engine/incidents.js';
import { releaseAndOffer } from '../inventory/pending.js';
import { abandonCancel } from '../orders/cancel.js';
import { setOrderState } from '../orders/repository.js';
import { finalOrderStates, type OrderState } from '../orders/schema.js';
import { stopAllClocks } from '../sla/clock.js';
import { recordEvent } from '../trace/index.js';
import type { Zeebe } from '../zeebe/client.js';

type Conn = Db | Tx;

export type EngineCommands = Pick<Zeebe, 'updateJobRetries' | 'resolveIncident' | 'modifyProcessInstance' | 'cancelProcessInstance'>;

/** One entry of the exception queue: a step that ran out of retries or met an outcome nobody modelled. */
export interface ExceptionEntry {
  incidentKey: string;
  bpmnProcessId: string | null;
  processInstanceKey: string;
  rootProcessInstanceKey: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  jobKey: string | null;
  errorType: string;
  errorMessage: string | null;
  createdAt: string | null;
  /** The business record behind the flow, when it is a product order … */
  orderId: string | null;
  /** … or a trouble ticket … */
  ticketId: string | null;
  /** … or a construction order … */
  constructionOrderId: string | null;
  /** … or billing's suspend/resume command. */
  suspensionId: string | null;
}

export class ExceptionNotFound extends Error {}
export class ExceptionRefused extends Error {}

/**
 * The queue reads incidents as the exporter recorded them and walks each one up to the root
 * instance (a failure inside a work order belongs to the order that called it).
 */
export async function listExceptions(conn: Conn, filter: { orderId?: string; incidentKey?: string } = {}): Promise<ExceptionEntry[]> {
  const { rows } = await conn.raw(
    `WITH RECURSIVE up(incident_key, key, parent) AS (
       SELECT i.key, p.key, p.parent_process_instance_key
       FROM zeebe_incidents i JOIN zeebe_process_instances p ON p.key = i.process_instance_key
       WHERE i.state = 'created' AND (?::text IS NULL OR i.key::text = ?)
       UNION ALL
       SELECT up.incident_key, p.key, p.parent_process_instance_key
       FROM up JOIN zeebe_process_instances p ON p.key = up.parent)
     SELECT i.*, root.key AS root_key, o.id AS order_id, t.id AS ticket_id, c.id AS construction_order_id, s.id AS suspension_id
     FROM zeebe_incidents i
     JOIN up root ON root.incident_key = i.key AND root.parent IS NULL
     LEFT JOIN product_orders o ON o.process_instance_key = root.key::text
     LEFT JOIN trouble_tickets t ON t.process_instance_key = root.key::text
     LEFT JOIN construction_orders c ON c.process_instance_key = root.key::text
     LEFT JOIN subscriber_commands s ON s.process_instance_key = root.key::text
     WHERE i.state = 'created' AND (?::uuid IS NULL OR ?::uuid IN (o.id, t.id, c.id, s.id))
     ORDER BY i.created_time, i.key`,
    [filter.incidentKey ?? null, filter.incidentKey ?? null, filter.orderId ?? null, filter.orderId ?? null],
  );
  return rows.map((r: Record<string, any>) => ({
    incidentKey: String(r.key),
    bpmnProcessId: r.bpmn_process_id,
    processInstanceKey: String(r.process_instance_key),
    rootProcessInstanceKey: String(r.root_key),
    elementId: r.element_id,
    elementInstanceKey: r.element_instance_key === null ? null : String(r.element_instance_key),
    jobKey: r.job_key === null ? null : String(r.job_key),
    errorType: r.error_type,
    errorMessage: r.error_message,
    createdAt: r.created_time ? new Date(r.created_time).toISOString() : null,
    orderId: r.order_id ?? null,
    ticketId: r.ticket_id ?? null,
    constructionOrderId: r.construction_order_id ?? null,
    suspensionId: r.suspension_id ?? null,
  }));
}

async function entry(db: Db, incidentKey: string): Promise<ExceptionEntry> {
  const [e] = await listExceptions(db, { incidentKey });
  if (!e) throw new ExceptionNotFound(`no open exception ${incidentKey}`);
  return e;
}

async function record(db: Db, e: ExceptionEntry, action: string, actor: string, reason: string | null, details: Record<string, unknown> = {}) {
  const subjectId = e.orderId ?? e.constructionOrderId;
  await db.transaction(async (trx) => {
    await trx('exception_actions').insert({
      incident_key: e.incidentKey, process_instance_key: e.processInstanceKey, subject_id: subjectId, action, reason, actor,
    });
    if (subjectId) await recordEvent(trx, subjectId, 'action', actor, `exception ${action}`, { step: e.elementId, error: e.errorMessage, reason, ...details });
  });
}

/** Retry, after the data behind the failure has been fixed: the step runs again with fresh retries. */
export async function retryException(db: Db, zeebe: EngineCommands, incidentKey: string, actor: string, note: string | null) {
  const e = await entry(db, incidentKey);
  await retryIncident(zeebe as never, { key: e.incidentKey, jobKey: e.jobKey }, 3);
  await record(db, e, 'retry', actor, note);
  return e;
}

/**
 * Skip: the step's work was done outside the system. The failed element is ended and the flow goes
 * on where its outgoing sequence flows lead, with whatever variables the dispatcher supplies in
 * place of the step's output; ending the element resolves its incident.
 */
export async function skipException(
  db: Db, zeebe: EngineCommands, incidentKey: string, actor: string, reason: string, variables: Record<string, unknown>,
) {
  const e = await entry(db, incidentKey);
  if (!e.elementInstanceKey || !e.elementId) throw new ExceptionRefused('this incident is not on a step that can be skipped');
  const element = await db('zeebe_element_instances').where({ key: e.elementInstanceKey }).first();
  const instance = await db('zeebe_process_instances').where({ key: e.processInstanceKey }).first();
  const deployment = await db('process_deployments').where({ definition_key: String(instance?.process_definition_key) }).first();
  if (!element || !deployment) throw new ExceptionRefused('the step or its diagram is not known yet; try again in a moment');
  const model = (await readProcesses(deployment.xml)).find((m) => m.id === deployment.process_id);
  const targets = model?.outgoing.get(e.elementId) ?? [];
  if (targets.length === 0) throw new ExceptionRefused(`step ${e.elementId} has no outgoing flow to continue on`);
  await zeebe.modifyProcessInstance({
    processInstanceKey: e.processInstanceKey,
    terminateInstructions: [{ elementInstanceKey: e.elementInstanceKey }],
    activateInstructions: targets.map((elementId) => ({
      elementId,
      ancestorElementInstanceKey: String(element.flow_scope_key ?? e.processInstanceKey),
      variableInstructions: Object.keys(variables).length ? [{ variables: variables as never, scopeId: '' }] : [],
    })),
  } as never);
  await record(db, e, 'skip', actor, reason, { continuedAt: targets, variables });
  return e;
}

/**
 * Abort: the order cannot be saved. Its flow is cancelled in the engine and everything it holds is
 * compensated — reservations released (and offered on), open work orders cancelled, clocks stopped —
 * and the order ends failed with the dispatcher's reason.
 */
export async function abortException(db: Db, zeebe: EngineCommands, incidentKey: string, actor: string, reason: string) {
  const e = await entry(db, incidentKey);
  await zeebe.cancelProcessInstance(e.rootProcessInstanceKey);
  if (e.orderId) {
    const orderId = e.orderId;
    await db.transaction(async (trx) => {
      const order = await trx('product_orders').where({ id: orderId }).forUpdate().first();
      if (finalOrderStates.includes(order.state as OrderState)) return;
      const now = new Date();
      await releaseAndOffer(trx, orderId, now);
      await trx('work_orders').where({ order_id: orderId }).whereIn('state', ['acknowledged', 'inProgress', 'held'])
        .update({ state: 'cancelled', closed_at: now, note: `the order was aborted: ${reason}` });
      await stopAllClocks(trx, orderId, now);
      await abandonCancel(trx, orderId, 'failed');
      await setOrderState(trx, orderId, 'failed', actor, `aborted by the dispatcher: ${reason}`);
    });
  }
  if (e.ticketId) {
    const ticketId = e.ticketId;
    await db.transaction(async (trx) => {
      const t = await trx('trouble_tickets').where({ id: ticketId }).forUpdate().first();
      if (isOpen(t)) await cancelTicket(trx, ticketId, `aborted by the dispatcher: ${reason}`, new Date());
    });
  }
  if (e.constructionOrderId) {
    const constructionOrderId = e.constructionOrderId;
    await db.transaction((trx) => endConstruction(trx, constructionOrderId, {
      state: 'failed', reason: `aborted by the dispatcher: ${reason}`, actor,
    }, new Date()));
  }
  await record(db, e, 'abort', actor, reason);
  return e;
}
