import { Router } from 'express';
import { z } from 'zod';
import { createApiKey, roles } from '../../src/auth/keys.js';
import type { Db } from '../../src/db/index.js';
import { allow } from '../auth.js';
import { badRequest, fromZod } from '../errors.js';

const KeyInput = z.object({
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(roles)).min(1),
  crewId: z.string().max(100).optional(),
}).strict();

/** Administrators issue API keys to client systems (CRM, billing, NMS) and people (dispatchers, crews). */
export function adminRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.post('/api-keys', allow('admin'), async (req, res) => {
    const parsed = KeyInput.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    if (parsed.data.roles.includes('crew') && !parsed.data.crewId) throw badRequest('a crew key needs crewId');
    if (parsed.data.crewId && !(await deps.db('crews').where({ id: parsed.data.crewId }).first())) throw badRequest(`unknown crew ${parsed.data.crewId}`);
    const { principal, key } = await createApiKey(deps.db, parsed.data);
    res.status(201).json({ ...principal, key });
  });
  return r;
}
