import type { Request, Response } from 'express';
import { badRequest } from './errors.js';

export interface ListParams {
  offset: number;
  limit: number;
  fields: string[] | null;
  filters: Record<string, string>;
}

const reserved = new Set(['fields', 'offset', 'limit', 'sort']);

/** TMF list conventions: `offset`/`limit`, `fields=a,b`, and attribute=value filters (only the supported ones). */
export function parseListParams(req: Request, filterable: string[], maxLimit = 1000): ListParams {
  const q = req.query as Record<string, unknown>;
  const num = (name: string, dflt: number) => {
    if (q[name] === undefined) return dflt;
    const n = Number(q[name]);
    if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a non-negative integer`);
    return n;
  };
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (reserved.has(k)) continue;
    if (!filterable.includes(k)) throw badRequest(`cannot filter on ${k}; filterable attributes: ${filterable.join(', ')}`);
    if (typeof v !== 'string') throw badRequest(`filter ${k} must appear once`);
    filters[k] = v;
  }
  const fields = typeof q.fields === 'string' && q.fields.length ? q.fields.split(',').map((f) => f.trim()).filter(Boolean) : null;
  return { offset: num('offset', 0), limit: Math.min(num('limit', 100), maxLimit), fields, filters };
}

/** `fields` keeps only the named top-level attributes (TMF: id and href are not added unless asked). */
export function selectFields<T extends Record<string, unknown>>(items: T[], fields: string[] | null): Record<string, unknown>[] {
  if (!fields) return items;
  return items.map((it) => Object.fromEntries(fields.filter((f) => f in it).map((f) => [f, it[f]])));
}

export function sendList(res: Response, items: Record<string, unknown>[], total: number, fields: string[] | null): void {
  res.set('X-Total-Count', String(total));
  res.set('X-Result-Count', String(items.length));
  res.status(200).json(selectFields(items, fields));
}
