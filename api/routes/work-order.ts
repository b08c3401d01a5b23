import { Router } from 'express';
import { z } from 'zod';
import { constructionOrderPath } from '../../src/construction/repository.js';
import type { Db, Tx } from '../../src/db/index.js';
import { productOrderPath } from '../../src/orders/representation.js';
import { troubleTicketPath } from '../../src/tickets/representation.js';
import { workOrderKindSteps, type FormRef } from '../../src/forms/repository.js';
import {
  acceptWorkOrder, assignWorkOrder, closeWorkOrder, getWorkOrder, returnWorkOrder, WorkOrderConflict, WorkOrderInvalid,
  type WorkOrderRow,
} from '../../src/work-orders/repository.js';
import { allow } from '../auth.js';
import { ApiError, badRequest, conflict, forbidden, fromZod, notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';
import type { Principal } from '../../src/auth/keys.js';
import { recordEvent } from '../../src/trace/index.js';
import type { SubjectType } from '../../src/work-orders/subjects.js';

export const workOrderBase = '/tmf-api/workOrderManagement/v4';

/** Where the thing a work order is for lives in the API, per subject type. */
const subjectRefs: Record<SubjectType, (id: string) => { href: string; '@referredType': string }> = {
  productOrder: (id) => ({ href: `${productOrderPath}/${id}`, '@referredType': 'ProductOrder' }),
  troubleTicket: (id) => ({ href: `${troubleTicketPath}/${id}`, '@referredType': 'TroubleTicket' }),
  constructionOrder: (id) => ({ href: `${constructionOrderPath}/${id}`, '@referredType': 'ConstructionOrder' }),
};

/**
 * TMF697 WorkOrder, with the crew's measurements as an extension (`@type` FieldWorkOrder), and the
 * form to fill in: the one its step shows now, or, once closed, the one it was closed with.
 */
export function toWorkOrder(wo: WorkOrderRow, kindName?: string, stepForm?: FormRef): Record<string, unknown> {
  const form = wo.state === 'completed' ? (wo.form_id && wo.form_version ? { id: wo.form_id, version: wo.form_version } : undefined) : stepForm;
  return {
    id: wo.id,
    href: `${workOrderBase}/workOrder/${wo.id}`,
    category: wo.kind,
    description: kindName ?? wo.kind,
    state: wo.state,
    orderDate: new Date(wo.created_at).toISOString(),
    ...(wo.accepted_at ? { startDate: new Date(wo.accepted_at).toISOString() } : {}),
    ...(wo.closed_at ? { completionDate: new Date(wo.closed_at).toISOString() } : {}),
    place: wo.area ? [{ id: wo.area, role: 'serviceArea' }] : [],
    relatedParty: wo.crew_id ? [{ id: wo.crew_id, role: 'crew', '@referredType': 'Organization' }] : [],
    relatedEntity: [
      { id: wo.subject_id, role: wo.subject_type, ...subjectRefs[wo.subject_type](wo.subject_id) },
      ...(wo.business_resource_id ? [{ id: wo.business_resource_id, role: 'businessResource', '@referredType': 'Resource' }] : []),
    ],
    ...(wo.emergency ? { priority: 'emergency' } : {}),
    workOrderItem: [{ id: '1', action: 'add', state: wo.state, description: wo.brief ?? kindName ?? wo.kind }],
    skill: wo.skill,
    measurements: wo.measurements ?? undefined,
    form,
    result: wo.result ?? undefined,
    note: wo.note ? [{ text: wo.note }] : [],
    '@type': 'FieldWorkOrder',
    '@baseType': 'WorkOrder',
  };
}

const Patch = z.discriminatedUnion('state', [
  z.object({ state: z.literal('inProgress') }).strict(),
  z.object({
    state: z.literal('completed'),
    result: z.string().max(200).optional(),
    note: z.string().max(4000).optional(),
    measurements: z.record(z.string(), z.unknown()).optional(),
    form: z.object({ id: z.string().min(1).max(63), version: z.number().int().min(1) }).strict().optional(),
  }).strict(),
]);
const Return = z.object({ reason: z.string().trim().min(3, 'say why, in a few words').max(1000) }).strict();
const Assign = z.object({ crewId: z.string().min(1).max(100) }).strict();

/** A crew key sees and acts on its own crew's work orders only; dispatchers and admins see all. */
function crewScope(p: Principal): string | null {
  if (p.roles.includes('admin') || p.roles.includes('dispatcher')) return null;
  return p.crewId ?? '__no_crew__';
}

export function workOrderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();
  /** Work orders as the API shows them: with their kind's name and their step's form. */
  const represent = async (rows: WorkOrderRow[]) => {
    const kinds = new Map((await workOrderKindSteps(db)).map((k) => [k.kind, k]));
    return rows.map((w) => toWorkOrder(w, kinds.get(w.kind)?.name, kinds.get(w.kind)?.form ?? undefined));
  };

  r.get('/workOrder', allow('crew', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['state', 'crew', 'relatedEntity.id', 'category']);
    const q = db('work_orders');
    const scope = crewScope(req.principal!);
    if (scope) q.where({ crew_id: scope });
    if (params.filters.state) q.where({ state: params.filters.state });
    // `none`: the work orders no crew holds — no crew of the skill in the area, or every one returned it.
    if (params.filters.crew === 'none') q.whereNull('crew_id');
    else if (params.filters.crew) q.where({ crew_id: params.filters.crew });
    if (params.filters.category) q.where({ kind: params.filters.category });
    if (params.filters['relatedEntity.id']) {
      const id = params.filters['relatedEntity.id'];
      if (!/^[0-9a-f-]{36}$/i.test(id)) q.whereRaw('false');
      else q.where({ subject_id: id });
    }
    const total = await q.clone().count({ count: '*' }).first();
    const rows = await q.orderBy('created_at').orderBy('id').offset(params.offset).limit(params.limit);
    sendList(res, await represent(rows), Number(total?.count ?? 0), params.fields);
  });

  /** Runs a change in a transaction, with the API's answers for a refused one. */
  async function change(run: (trx: Tx) => Promise<WorkOrderRow>): Promise<WorkOrderRow> {
    try {
      return await db.transaction(run);
    } catch (err) {
      if (err instanceof WorkOrderConflict) throw conflict(err.message);
      if (err instanceof WorkOrderInvalid) throw badRequest(err.message, err.problems);
      throw err;
    }
  }

  async function load(id: string, p: Principal): Promise<WorkOrderRow> {
    const wo = /^[0-9a-f-]{36}$/i.test(id) ? await getWorkOrder(db, id) : undefined;
    if (!wo) throw notFound(`workOrder ${id}`);
    const scope = crewScope(p);
    if (scope && wo.crew_id !== scope) throw forbidden('this work order belongs to another crew');
    return wo;
  }

  r.get('/workOrder/:id', allow('crew', 'dispatcher'), async (req, res) => {
    const wo = await load(String(req.params.id), req.principal!);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields(await represent([wo]), fields)[0]);
  });

  /** Crews accept (`state: inProgress`) and close (`state: completed` with measurements) by PATCH. */
  r.patch('/workOrder/:id', allow('crew', 'dispatcher'), async (req, res) => {
    const parsed = Patch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const wo = await load(String(req.params.id), req.principal!);
    const actor = `${req.principal!.name}`;
    let updated: WorkOrderRow;
    try {
      updated = await change(async (trx) => {
        if (parsed.data.state === 'inProgress') return acceptWorkOrder(trx, wo.id, actor);
        return closeWorkOrder(trx, wo.id, parsed.data, actor);
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && wo.state === 'cancelled') {
        await recordEvent(db, wo.subject_id, 'action', actor, 'close reported after cancellation', { workOrderId: wo.id });
      }
      throw err;
    }
    if (parsed.data.state === 'completed') deps.onOutboxWrite();
    req.log?.info({ orderId: wo.subject_id, workOrderId: wo.id, state: updated.state }, 'work order updated');
    res.json((await represent([updated]))[0]);
  });

  /** The crew gives the work order back with a reason; it goes to another crew or to the dispatcher. */
  r.post('/workOrder/:id/return', allow('crew', 'dispatcher'), async (req, res) => {
    const parsed = Return.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const wo = await load(String(req.params.id), req.principal!);
    const updated = await change((trx) => returnWorkOrder(trx, wo.id, parsed.data.reason, req.principal!.name));
    req.log?.info({ orderId: wo.subject_id, workOrderId: wo.id, crewId: updated.crew_id }, 'work order returned');
    res.json((await represent([updated]))[0]);
  });

  r.post('/workOrder/:id/assign', allow('dispatcher'), async (req, res) => {
    const parsed = Assign.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const wo = await load(String(req.params.id), req.principal!);
    const updated = await change((trx) => assignWorkOrder(trx, wo.id, parsed.data.crewId, req.principal!.name));
    res.json((await represent([updated]))[0]);
  });

  return r;
}
