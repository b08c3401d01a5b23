import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import type { Zeebe } from '../../src/zeebe/client.js';

/** Liveness says the process answers; readiness says it can do work: database reachable, Zeebe partitions healthy. */
export function healthRoutes(deps: { db: Db; zeebe: Pick<Zeebe, 'topology'> }): Router {
  const r = Router();
  r.get('/live', (_req, res) => {
    res.json({ status: 'UP' });
  });
  r.get('/ready', async (_req, res) => {
    const checks: Record<string, { status: 'UP' | 'DOWN'; detail?: string }> = {};
    try {
      await deps.db.raw('SELECT 1');
      checks.database = { status: 'UP' };
    } catch (err) {
      checks.database = { status: 'DOWN', detail: String(err) };
    }
    try {
      const topology = await Promise.race([
        deps.zeebe.topology(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('topology timed out')), 3000)),
      ]);
      const partitions = topology.brokers.flatMap((b) => b.partitions);
      const unhealthy = partitions.filter((p) => String(p.health) !== 'HEALTHY' && String(p.health) !== '0');
      checks.zeebe = partitions.length && !unhealthy.length
        ? { status: 'UP' }
        : { status: 'DOWN', detail: `${unhealthy.length} of ${partitions.length} partitions unhealthy` };
    } catch (err) {
      checks.zeebe = { status: 'DOWN', detail: err instanceof Error ? err.message : String(err) };
    }
    const up = Object.values(checks).every((c) => c.status === 'UP');
    res.status(up ? 200 : 503).json({ status: up ? 'UP' : 'DOWN', checks });
  });
  return r;
}
