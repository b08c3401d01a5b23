import { Router } from 'express';
import { z } from 'zod';
import { createStepNamer } from '../../src/board/step-names.js';
import type { Db } from '../../src/db/index.js';
import { readStatistics } from '../../src/statistics/queries.js';
import { allow } from '../auth.js';
import { badRequest, fromZod } from '../errors.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a calendar date');

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const Query = z.object({
  from: day.optional(),
  to: day.optional(),
  tz: z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Asia/Shanghai').default('UTC'),
  area: z.string().min(1).max(100).optional(),
}).strict();

const DAY_MS = 86_400_000;
const maxDays = 366;
const defaultDays = 14;
const today = (tz: string) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Statistics and analysis of the work done (R3.9), computed from the trace, the deadlines and the work orders. */
export function statisticsRoutes(deps: { db: Db }): Router {
  const { db } = deps;
  const r = Router();
  const stepNames = createStepNamer(db);

  r.get('/statistics', allow('dispatcher'), async (req, res) => {
    const parsed = Query.safeParse(req.query);
    if (!parsed.success) throw fromZod(parsed.error);
    const { tz, area } = parsed.data;
    const to = parsed.data.to ?? (parsed.data.from ? shift(parsed.data.from, defaultDays - 1) : today(tz));
    const from = parsed.data.from ?? shift(to, -(defaultDays - 1));
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days < 1) throw badRequest('from must not be after to');
    if (days > maxDays) throw badRequest(`at most ${maxDays} days at once`);

    const [diagramName, kinds] = await Promise.all([stepNames(), db('work_order_kinds').select('kind', 'name')]);
    const kindNames = new Map(kinds.map((k) => [`work-order:${k.kind}`, k.name as string]));
    const nameOf = (step: string) => (step === 'order' ? 'Whole order' : kindNames.get(step) ?? diagramName(step));
    res.json(await readStatistics(db, { from, to, timeZone: tz, area }, nameOf));
  });
  return r;
}
