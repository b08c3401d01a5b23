import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { allow } from '../auth.js';

/** The kinds of field work and the measurements each one records: the crew view builds its form from them. */
export function workOrderKindRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/work-order-kinds', allow('crew', 'dispatcher', 'designer'), async (_req, res) => {
    const rows = await deps.db('work_order_kinds').orderBy('kind');
    res.json(rows.map((k) => ({ kind: k.kind, name: k.name, skill: k.skill, measurementFields: k.measurement_fields })));
  });
  return r;
}
