import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../src/db/index.js';
import { fromZod, notFound } from './errors.js';

const HubInput = z.object({ callback: z.string().url().max(2000), query: z.string().max(2000).nullish() }).passthrough();

/** TMF hub registration (TMF688 shape), shared by every TMF API that notifies: one row per listener and API. */
export const registerHub = (db: Db, api: string, base: string): RequestHandler => async (req, res) => {
  const parsed = HubInput.safeParse(req.body);
  if (!parsed.success) throw fromZod(parsed.error);
  const [hub] = await db('hubs')
    .insert({ api, callback: parsed.data.callback, query: parsed.data.query ?? null, api_key_id: req.principal!.id })
    .returning('*');
  res.status(201).location(`${base}/hub/${hub.id}`).json({ id: hub.id, callback: hub.callback, query: hub.query });
};

/** Only whoever registered a listener (or an administrator) may remove it. */
export const unregisterHub = (db: Db, api: string): RequestHandler => async (req, res) => {
  const id = String(req.params.id);
  const q = db('hubs').where({ id: /^[0-9a-f-]{36}$/i.test(id) ? id : null, api });
  if (!req.principal!.roles.includes('admin')) q.where({ api_key_id: req.principal!.id });
  const deleted = await q.delete();
  if (!deleted) throw notFound(`hub ${id}`);
  res.status(204).end();
};
