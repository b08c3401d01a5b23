import { Router } from 'express';
import { listOfferings, type OfferingView } from '../../src/catalog/repository.js';
import type { Db } from '../../src/db/index.js';
import { notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

export const catalogBase = '/tmf-api/productCatalogManagement/v4';

/** TMF620 ProductOffering, read-only: the catalog the order review and decomposition run on. */
function toProductOffering(o: OfferingView): Record<string, unknown> {
  return {
    id: o.id,
    href: `${catalogBase}/productOffering/${o.id}`,
    name: o.name,
    description: o.description,
    isBundle: o.is_bundle,
    isSellable: o.is_sellable,
    lifecycleStatus: o.lifecycle_status,
    version: o.version,
    lastUpdate: new Date(o.last_update).toISOString(),
    bundledProductOffering: o.children.map((c) => ({ id: c, href: `${catalogBase}/productOffering/${c}` })),
    productSpecification: { id: o.id, name: o.name, '@referredType': 'ProductSpecification' },
    serviceCandidate: o.services.map((s) => ({ id: s.serviceSpecId, role: s.role, '@referredType': 'ServiceCandidate' })),
    '@type': 'ProductOffering',
  };
}

export function catalogRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/productOffering', async (req, res) => {
    const params = parseListParams(req, ['id', 'lifecycleStatus', 'isBundle']);
    let all = (await listOfferings(deps.db)).map(toProductOffering);
    for (const [k, v] of Object.entries(params.filters)) all = all.filter((o) => String(o[k]) === v);
    sendList(res, all.slice(params.offset, params.offset + params.limit), all.length, params.fields);
  });
  r.get('/productOffering/:id', async (req, res) => {
    const o = (await listOfferings(deps.db)).find((x) => x.id === req.params.id);
    if (!o) throw notFound(`productOffering ${req.params.id}`);
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : null;
    res.json(selectFields([toProductOffering(o)], fields)[0]);
  });
  return r;
}
