import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { linkedForms } from '../../src/forms/repository.js';
import { workOrderStep } from '../../src/work-orders/repository.js';
import { allow } from '../auth.js';

/** The kinds of field work, each with the form its crews fill in when they close (null: none). */
export function workOrderKindRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/work-order-kinds', allow('crew', 'dispatcher', 'designer'), async (_req, res) => {
    const [rows, forms] = await Promise.all([deps.db('work_order_kinds').orderBy('kind'), linkedForms(deps.db)]);
    res.json(rows.map((k) => ({ kind: k.kind, name: k.name, skill: k.skill, form: forms.get(workOrderStep(k.kind)) ?? null })));
  });
  return r;
}
