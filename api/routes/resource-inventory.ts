import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import { addCapacity } from '../../src/inventory/pending.js';
import { networkResourceTypes } from '../../src/inventory/reservations.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

export const resourceInventoryBase = '/tmf-api/resourceInventoryManagement/v4';

const ResourceCreate = z.object({
  name: z.string().min(1).max(200),
  category: z.enum(networkResourceTypes),
  place: z.array(z.object({ id: z.string().min(1).max(100) }).passthrough()).length(1),
}).passthrough();

const usage = { available: 'idle', reserved: 'active', assigned: 'busy' } as const;

/** TMF639 Resource: our network resources, with reserve → assign shown as usage idle → active → busy. */
function toResource(r: { id: string; type: string; area: string; name: string; state: keyof typeof usage; order_id: string | null }) {
  return {
    id: r.id,
    href: `${resourceInventoryBase}/resource/${r.id}`,
    name: r.name,
    category: r.type,
    resourceStatus: r.state === 'available' ? 'available' : 'reserved',
    usageState: usage[r.state],
    place: [{ id: r.area, role: 'area', '@referredType': 'GeographicSite' }],
    ...(r.order_id ? { note: [{ text: `held by product order ${r.order_id}` }] } : {}),
    '@type': 'LogicalResource',
  };
}

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** Resource inventory (TMF639 subset): read by dispatchers and NMS, extended by administrators and NMS. */
export function resourceInventoryRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/resource', allow('nms'), async (req, res) => {
    const parsed = ResourceCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const area = parsed.data.place[0]!.id;
    if (!(await db('areas').where({ code: area }).first())) throw badRequest(`unknown area ${area}`);
    try {
      const { rows } = await db.transaction((trx) => addCapacity(trx, area, [{ type: parsed.data.category, name: parsed.data.name }], new Date()));
      deps.onOutboxWrite();
      res.status(201).location(`${resourceInventoryBase}/resource/${rows[0].id}`).json(toResource(rows[0]));
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`${parsed.data.category} ${parsed.data.name} already exists in ${area}`);
      throw err;
    }
  });

  r.get('/resource', allow('dispatcher', 'nms'), async (req, res) => {
    const params = parseListParams(req, ['category', 'place.id', 'usageState']);
    const q = db('network_resources');
    if (params.filters.category) q.where({ type: params.filters.category });
    if (params.filters['place.id']) q.where({ area: params.filters['place.id'] });
    if (params.filters.usageState) {
      const state = Object.entries(usage).find(([, u]) => u === params.filters.usageState)?.[0];
      if (!state) throw badRequest('usageState is idle, active or busy');
      q.where({ state });
    }
    const total = await q.clone().count({ n: '*' }).first();
    const rows = await q.orderBy(['area', 'type', 'name']).offset(params.offset).limit(params.limit);
    sendList(res, rows.map(toResource), Number(total?.n ?? 0), params.fields);
  });

  r.get('/resource/:id', allow('dispatcher', 'nms'), async (req, res) => {
    const id = String(req.params.id);
    const row = isUuid(id) ? await db('network_resources').where({ id }).first() : undefined;
    if (!row) throw notFound(`resource ${id}`);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields([toResource(row)], fields)[0]);
  });

  return r;
}
