import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import {
  createConstructionOrder, loadConstructionOrder, loadConstructionOrders, UnknownAreaError,
} from '../../src/construction/repository.js';
import { cancelConstruction, ConstructionEnded, ConstructionNotFound } from '../../src/construction/cancel.js';
import { ConstructionCancel, ConstructionOrderCreate, constructionSources, constructionStates } from '../../src/construction/schema.js';
import { readTrace } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';
import { createOnce } from '../idempotency.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * Construction requests (R1.4) from network planning, maintenance, optimization and the upper-level
 * dispatch (role `planning`); dispatchers follow them too.
 */
export function constructionOrderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/constructionOrders', allow('planning', 'dispatcher'), async (req, res) => {
    const parsed = ConstructionOrderCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    let result;
    try {
      result = await createOnce(db, req, async (trx) => (await createConstructionOrder(trx, parsed.data, req.principal!.id)).id);
    } catch (err) {
      if (err instanceof UnknownAreaError) throw badRequest(err.message);
      throw err;
    }
    if (!result.replayed) deps.onOutboxWrite();
    const order = (await loadConstructionOrder(db, result.resourceId))!;
    req.log?.info({ constructionOrderId: result.resourceId, replayed: result.replayed }, 'construction order accepted');
    res.status(result.replayed ? 200 : 201).location(String(order.href)).json(order);
  });

  r.get('/constructionOrders', allow('planning', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['state', 'source', 'area', 'externalId']);
    const f = params.filters;
    if (f.state && !(constructionStates as readonly string[]).includes(f.state)) throw badRequest(`state is one of ${constructionStates.join(', ')}`);
    if (f.source && !(constructionSources as readonly string[]).includes(f.source)) throw badRequest(`source is one of ${constructionSources.join(', ')}`);
    const q = db('construction_orders');
    if (f.state) q.where({ state: f.state });
    if (f.source) q.where({ source: f.source });
    if (f.area) q.where({ area: f.area });
    if (f.externalId) q.where({ external_id: f.externalId });
    const total = await q.clone().count({ n: '*' }).first();
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').offset(params.offset).limit(params.limit);
    sendList(res, await loadConstructionOrders(db, rows), Number(total?.n ?? 0), params.fields);
  });

  r.get('/constructionOrders/:id', allow('planning', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const order = isUuid(id) ? await loadConstructionOrder(db, id) : undefined;
    if (!order) throw notFound(`constructionOrder ${id}`);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields([order], fields)[0]);
  });

  /** The requester (or a dispatcher) withdraws the request; refused once the order has ended. */
  r.post('/constructionOrders/:id/cancel', allow('planning', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw notFound(`constructionOrder ${id}`);
    const parsed = ConstructionCancel.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    try {
      await db.transaction((trx) => cancelConstruction(trx, id, parsed.data.reason, req.principal!.name, new Date()));
    } catch (err) {
      if (err instanceof ConstructionNotFound) throw notFound(`constructionOrder ${id}`);
      if (err instanceof ConstructionEnded) throw conflict(err.message);
      throw err;
    }
    deps.onOutboxWrite();
    req.log?.info({ constructionOrderId: id }, 'construction order cancelled');
    res.json(await loadConstructionOrder(db, id));
  });

  /** R3.4: every step of the construction order, with who and when. */
  r.get('/constructionOrders/:id/trace', allow('planning', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const order = isUuid(id) ? await db('construction_orders').where({ id }).first('state') : undefined;
    if (!order) throw notFound(`constructionOrder ${id}`);
    const events = await readTrace(db, id);
    res.json({ constructionOrderId: id, state: order.state, steps: events.filter((e) => e.kind === 'step'), events });
  });

  return r;
}
