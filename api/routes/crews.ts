import { Router } from 'express';
import { z } from 'zod';
import { listCrews } from '../../src/crews/workload.js';
import type { Db } from '../../src/db/index.js';
import { allow } from '../auth.js';
import { fromZod } from '../errors.js';

const CrewQuery = z.object({ skill: z.string().min(1).max(100).optional(), area: z.string().min(1).max(100).optional() }).strict();

/** The field crews and their load, for a dispatcher choosing whom to give a work order nobody holds. */
export function crewRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/crews', allow('dispatcher'), async (req, res) => {
    const parsed = CrewQuery.safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    res.json(await listCrews(deps.db, parsed.data));
  });
  return r;
}
