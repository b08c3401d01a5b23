import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import { cancelProductOrderPath, getCancel, OrderNotFound, requestCancel, toCancelProductOrder } from '../../src/orders/cancel.js';
import { allow } from '../auth.js';
import { badRequest, fromZod, notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

const CancelCreate = z.object({
  productOrder: z.object({ id: z.string().min(1).max(200) }).passthrough(),
  cancellationReason: z.string().max(2000).optional(),
  requestedCancellationDate: z.string().datetime({ offset: true }).optional(),
}).passthrough();

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** TMF622 cancelProductOrder (撤单): a task that either cancels the order in flight or says why it could not. */
export function cancelProductOrderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/cancelProductOrder', allow('crm', 'dispatcher'), async (req, res) => {
    const parsed = CancelCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const orderId = parsed.data.productOrder.id;
    if (!isUuid(orderId)) throw notFound(`productOrder ${orderId}`);
    let task;
    try {
      task = await db.transaction((trx) => requestCancel(trx, {
        orderId, reason: parsed.data.cancellationReason, requestedDate: parsed.data.requestedCancellationDate,
      }, { id: req.principal!.id, name: req.principal!.name }));
    } catch (err) {
      if (err instanceof OrderNotFound) throw notFound(`productOrder ${orderId}`);
      throw err;
    }
    deps.onOutboxWrite();
    req.log?.info({ orderId, cancelId: task.id, state: task.state }, 'cancel requested');
    res.status(201).location(`${cancelProductOrderPath}/${task.id}`).json(toCancelProductOrder(task));
  });

  r.get('/cancelProductOrder', allow('crm', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['state', 'productOrder.id']);
    const q = db('cancel_product_orders');
    if (params.filters.state) q.where({ state: params.filters.state });
    const orderId = params.filters['productOrder.id'];
    if (orderId) {
      if (!isUuid(orderId)) throw badRequest('productOrder.id must be a uuid');
      q.where({ order_id: orderId });
    }
    const total = await q.clone().count({ n: '*' }).first();
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').offset(params.offset).limit(params.limit);
    sendList(res, rows.map(toCancelProductOrder), Number(total?.n ?? 0), params.fields);
  });

  r.get('/cancelProductOrder/:id', allow('crm', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const task = isUuid(id) ? await getCancel(db, id) : undefined;
    if (!task) throw notFound(`cancelProductOrder ${id}`);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields([toCancelProductOrder(task)], fields)[0]);
  });

  return r;
}
