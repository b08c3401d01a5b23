import { Router } from 'express';
import { z } from 'zod';
import type { Db, Tx } from '../../src/db/index.js';
import { AmendRefused, amendOrder } from '../../src/orders/amend.js';
import { createOrder, UnknownOfferingError } from '../../src/orders/repository.js';
import { loadProductOrder, loadProductOrders } from '../../src/orders/representation.js';
import { ProductOrderCreate, ProductOrderItemCreate } from '../../src/orders/schema.js';
import { allow } from '../auth.js';
import { registerHub, unregisterHub } from '../hub-handlers.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';
import { createOnce } from '../idempotency.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

export const productOrderingBase = '/tmf-api/productOrderingManagement/v4';

const filterColumns: Record<string, string> = {
  id: 'id',
  state: 'state',
  orderDate: 'order_date',
  externalId: 'external_id',
  category: 'category',
  priority: 'priority',
  'relatedParty.id': 'customer_id',
};

/** What an amendment (追单) may change: the items. A merge-patch replaces the whole list. */
const ProductOrderPatch = z.object({
  productOrderItem: z.array(ProductOrderItemCreate).min(1).max(50).superRefine((items, ctx) => {
    const ids = new Set<string>();
    items.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'duplicate item id' });
      ids.add(item.id);
    });
  }),
}).strict();

export function productOrderRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/productOrder', allow('crm', 'dispatcher'), async (req, res) => {
    const parsed = ProductOrderCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    let result;
    let created: Record<string, unknown> | undefined;
    try {
      const make = async (conn: Db | Tx) => {
        const made = await createOrder(conn, parsed.data, req.principal!.id);
        created = made.productOrder;
        return made.order.id;
      };
      result = await createOnce(db, req, make, { withoutKey: make });
    } catch (err) {
      if (err instanceof UnknownOfferingError) throw badRequest(err.message);
      throw err;
    }
    if (!result.replayed) deps.onOutboxWrite();
    // A replay answers with the order as it is now, like a GET.
    const order = result.replayed ? await loadProductOrder(db, result.resourceId) : created;
    req.log?.info({ orderId: result.resourceId, replayed: result.replayed }, 'product order accepted');
    res.status(result.replayed ? 200 : 201).location(String(order!.href)).json(order);
  });

  r.get('/productOrder', allow('crm', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, Object.keys(filterColumns));
    const q = db('product_orders');
    for (const [k, v] of Object.entries(params.filters)) {
      if (k === 'priority' && !/^[0-4]$/.test(v)) throw badRequest('priority filter must be 0..4');
      if (k === 'id' && !/^[0-9a-f-]{36}$/i.test(v)) {
        q.whereRaw('false');
        continue;
      }
      q.where(filterColumns[k]!, k === 'priority' ? Number(v) : v);
    }
    const totalRow = await q.clone().count({ count: '*' }).first();
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').offset(params.offset).limit(params.limit);
    sendList(res, await loadProductOrders(db, rows), Number(totalRow?.count ?? 0), params.fields);
  });

  r.get('/productOrder/:id', allow('crm', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const order = /^[0-9a-f-]{36}$/i.test(id) ? await loadProductOrder(db, id) : undefined;
    if (!order) throw notFound(`productOrder ${id}`);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields([order], fields)[0]);
  });

  r.patch('/productOrder/:id', allow('crm', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(`productOrder ${id}`);
    const parsed = ProductOrderPatch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    let delta;
    try {
      delta = await db.transaction((trx) => amendOrder(trx, id, parsed.data.productOrderItem, req.principal!.name));
    } catch (err) {
      if (err instanceof AmendRefused) throw conflict(err.message);
      if (err instanceof UnknownOfferingError) throw badRequest(err.message);
      throw err;
    }
    if (!delta) throw notFound(`productOrder ${id}`);
    deps.onOutboxWrite();
    req.log?.info({ orderId: id, ...delta }, 'product order amended');
    res.json(await loadProductOrder(db, id));
  });

  r.post('/hub', allow('crm', 'dispatcher'), registerHub(db, 'productOrder', productOrderingBase));
  r.delete('/hub/:id', allow('crm', 'dispatcher'), unregisterHub(db, 'productOrder'));

  return r;
}
