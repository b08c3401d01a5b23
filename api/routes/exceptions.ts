import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../src/db/index.js';
import {
  abortException, ExceptionNotFound, ExceptionRefused, listExceptions, retryException, skipException, type EngineCommands,
} from '../../src/exceptions/queue.js';
import { reconcile } from '../../src/exceptions/reconcile.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';

const Retry = z.object({ note: z.string().max(2000).optional() }).strict();
const Skip = z.object({ reason: z.string().min(1).max(2000), variables: z.record(z.string(), z.unknown()).optional() }).strict();
const Abort = z.object({ reason: z.string().min(1).max(2000) }).strict();

/** The exception queue (R3.2): every step that ran out of retries or met an outcome nobody modelled. */
export function exceptionRoutes(deps: { db: Db; zeebe: EngineCommands }): Router {
  const { db, zeebe } = deps;
  const r = Router();

  r.get('/exceptions', allow('dispatcher'), async (req, res) => {
    const orderId = typeof req.query.orderId === 'string' ? req.query.orderId : undefined;
    if (orderId && !/^[0-9a-f-]{36}$/i.test(orderId)) throw badRequest('orderId must be a uuid');
    res.json(await listExceptions(db, { orderId }));
  });

  const act = (parse: z.ZodTypeAny, run: (key: string, body: any, actor: string) => Promise<unknown>) =>
    async (req: import('express').Request, res: import('express').Response) => {
      const parsed = parse.safeParse(req.body ?? {});
      if (!parsed.success) throw fromZod(parsed.error);
      const key = String(req.params.key);
      if (!/^\d{1,20}$/.test(key)) throw notFound(`exception ${key}`);
      try {
        res.json(await run(key, parsed.data, req.principal!.name));
      } catch (err) {
        if (err instanceof ExceptionNotFound) throw notFound(`exception ${key}`);
        if (err instanceof ExceptionRefused) throw conflict(err.message);
        throw err;
      }
    };

  r.post('/exceptions/:key/retry', allow('dispatcher'), act(Retry, (key, b, actor) => retryException(db, zeebe, key, actor, b.note ?? null)));
  r.post('/exceptions/:key/skip', allow('dispatcher'), act(Skip, (key, b, actor) => skipException(db, zeebe, key, actor, b.reason, b.variables ?? {})));
  r.post('/exceptions/:key/abort', allow('dispatcher'), act(Abort, (key, b, actor) => abortException(db, zeebe, key, actor, b.reason)));

  r.get('/reconciliation', allow('dispatcher'), async (req, res) => {
    const raw = req.query.settleSeconds;
    const settle = raw === undefined ? 10 : Number(raw);
    if (!Number.isInteger(settle) || settle < 0 || settle > 3600) throw badRequest('settleSeconds is 0 to 3600');
    const disagreements = await reconcile(db, settle);
    res.json({ checkedAt: new Date().toISOString(), disagreements });
  });

  return r;
}
