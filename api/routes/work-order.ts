import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import { constructionOrderPath } from '../../src/construction/repository.js';
import { productOrderPath } from '../../src/orders/representation.js';
import {
  acceptWorkOrder, closeWorkOrder, getWorkOrder, WorkOrderConflict, WorkOrderInvalid, type WorkOrderRow,
} from '../../src/work-orders/repository.js';
import { allow } from '../auth.js';
import { badRequest, conflict, forbidden, fromZod, notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';
import type { Principal } from '../../src/auth/keys.js';
import { recordEvent } from '../../src/trace/index.js';
import type { SubjectType } from '../../src/work-orders/subjects.js';

export const workOrderBase = '/tmf-api/workOrderManagement/v4';

/** Where the thing a work order is for lives in the API, per subject type. */
const subjectRefs: Record<SubjectType, (id: string) => { href: string; '@referredType': string }> = {
  productOrder: (id) => ({ href: `${productOrderPath}/${id}`, '@referredType': 'ProductOrder' }),
  constructionOrder: (id) => ({ href: `${constructionOrderPath}/${id}`, '@referredType': 'ConstructionOrder' }),
};

/** TMF697 WorkOrder, with the crew's measurements as an extension (`@type` FieldWorkOrder). */
export function toWorkOrder(wo: WorkOrderRow, kindName?: string): Record<string, unknown> {
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
  }).strict(),
]);

/** A crew key sees and acts on its own crew's work orders only; dispatchers and admins see all. */
function crewScope(p: Principal): string | null {
  if (p.roles.includes('admin') || p.roles.includes('dispatcher')) return null;
  return p.crewId ?? '__no_crew__';
}

export function workOrderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();
  const kindNames = async () => new Map<string, string>((await db('work_order_kinds').select('kind', 'name')).map((k) => [k.kind, k.name]));

  r.get('/workOrder', allow('crew', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['state', 'crew', 'relatedEntity.id', 'category']);
    const q = db('work_orders');
    const scope = crewScope(req.principal!);
    if (scope) q.where({ crew_id: scope });
    if (params.filters.state) q.where({ state: params.filters.state });
    if (params.filters.crew) q.where({ crew_id: params.filters.crew });
    if (params.filters.category) q.where({ kind: params.filters.category });
    if (params.filters['relatedEntity.id']) {
      const id = params.filters['relatedEntity.id'];
      if (!/^[0-9a-f-]{36}$/i.test(id)) q.whereRaw('false');
      else q.where({ subject_id: id });
    }
    const total = await q.clone().count({ count: '*' }).first();
    const rows = await q.orderBy('created_at').orderBy('id').offset(params.offset).limit(params.limit);
    const names = await kindNames();
    sendList(res, rows.map((w) => toWorkOrder(w, names.get(w.kind))), Number(total?.count ?? 0), params.fields);
  });

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
    res.json(selectFields([toWorkOrder(wo, (await kindNames()).get(wo.kind))], fields)[0]);
  });

  /** Crews accept (`state: inProgress`) and close (`state: completed` with measurements) by PATCH. */
  r.patch('/workOrder/:id', allow('crew', 'dispatcher'), async (req, res) => {
    const parsed = Patch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const wo = await load(String(req.params.id), req.principal!);
    const actor = `${req.principal!.name}`;
    let updated: WorkOrderRow;
    try {
      updated = await db.transaction(async (trx) => {
        if (parsed.data.state === 'inProgress') return acceptWorkOrder(trx, wo.id, actor);
        return closeWorkOrder(trx, wo.id, parsed.data, actor);
      });
    } catch (err) {
      if (err instanceof WorkOrderConflict && wo.state === 'cancelled') {
        await recordEvent(db, wo.subject_id, 'action', actor, 'close reported after cancellation', { workOrderId: wo.id });
      }
      if (err instanceof WorkOrderConflict) throw conflict(err.message);
      if (err instanceof WorkOrderInvalid) throw badRequest(err.message, err.problems);
      throw err;
    }
    if (parsed.data.state === 'completed') deps.onOutboxWrite();
    req.log?.info({ orderId: wo.subject_id, workOrderId: wo.id, state: updated.state }, 'work order updated');
    res.json(toWorkOrder(updated, (await kindNames()).get(updated.kind)));
  });

  return r;
}
