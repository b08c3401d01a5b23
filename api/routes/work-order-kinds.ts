import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { workOrderKindSteps } from '../../src/forms/repository.js';
import { allow } from '../auth.js';

/** The kinds of field work, each with the form its crews fill in when they close (null: none). */
export function workOrderKindRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/work-order-kinds', allow('crew', 'dispatcher', 'designer'), async (_req, res) => {
    res.json((await workOrderKindSteps(deps.db)).map(({ kind, name, skill, form }) => ({ kind, name, skill, form })));
  });
  return r;
}
