import { Router } from 'express';
import { z } from 'zod';
import { createProgressReader } from '../../src/board/progress.js';
import { boardKinds, flowOfKind } from '../../src/board/board-row.js';
import { boardSorts, boardSummary, queryBoard } from '../../src/board/query.js';
import { createStepNamer } from '../../src/board/step-names.js';
import type { Db } from '../../src/db/index.js';
import { allow } from '../auth.js';
import { fromZod, notFound } from '../errors.js';

const kind = z.enum(boardKinds).optional();
const flows = Object.values(flowOfKind);

const BoardQuery = z.object({
  kind,
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  state: z.string().max(50).optional(),
  area: z.string().max(100).optional(),
  step: z.string().max(200).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  minAgeMinutes: z.coerce.number().int().min(0).max(525_600).optional(),
  sort: z.enum(boardSorts).default('-createdAt'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

const isUuid = (s: string) => /^[0-9a-f-]{36}$/i.test(s);

/** The dispatcher console's reads (R3.4): the board of orders, its counts, and one order's place in its diagram. */
export function boardRoutes(deps: { db: Db }): Router {
  const { db } = deps;
  const r = Router();
  const readProgress = createProgressReader(db);
  const stepNames = createStepNamer(db);

  r.get('/board', allow('dispatcher'), async (req, res) => {
    const parsed = BoardQuery.safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    const { sort, offset, limit, ...filters } = parsed.data;
    const [{ total, items }, nameOf] = await Promise.all([queryBoard(db, filters, { sort, offset, limit }), stepNames(flows)]);
    res.set('X-Total-Count', String(total)).set('X-Result-Count', String(items.length))
      .json(items.map((i) => ({ ...i, flow: flowOfKind[i.kind], currentStepName: nameOf(i.currentStep, flowOfKind[i.kind]) })));
  });

  r.get('/board/summary', allow('dispatcher'), async (req, res) => {
    const parsed = z.object({ kind }).strict().safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    const [summary, nameOf] = await Promise.all([boardSummary(db, parsed.data.kind), stepNames(flows)]);
    res.json({ ...summary, byStep: summary.byStep.map((s) => ({ ...s, name: nameOf(s.step, flowOfKind[s.kind]) })) });
  });

  r.get('/orders/:id/progress', allow('dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const progress = isUuid(id) ? await readProgress(id) : undefined;
    if (!progress) throw notFound(`order ${id}`);
    res.json(progress);
  });

  return r;
}
