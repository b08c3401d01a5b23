import type { BenchKeys } from './fixtures.js';
import { call, sleep, WORK_ORDER_PATH } from './http.js';

/** What a crew records when it closes a work order of each kind (the kinds' required measurements). */
const measurements: Record<string, Record<string, unknown>> = {
  line: { fiberLengthM: 140 },
  installation: { deviceSerial: 'ZTEGC8A1B2C3' },
  'nm-config': { configReference: 'NM-CHG-BENCH' },
  measurement: { opticalPowerDbm: -18.4, downloadMbps: 311.2 },
};

/**
 * Simulated field crews: they watch the open work orders through the API and each one's crew
 * accepts and closes it at once, with its own key, as the real crew view does.
 */
export function startCrews(baseUrl: string, keys: BenchKeys, opts: { concurrency?: number; pollMs?: number } = {}) {
  const concurrency = opts.concurrency ?? 8;
  const pollMs = opts.pollMs ?? 200;
  const seen = new Set<string>();
  const queue: { id: string; crew: string; kind: string }[] = [];
  const listMs: number[] = [];
  const patchMs: number[] = [];
  let failures = 0;
  let closed = 0;
  let running = true;

  const poller = (async () => {
    while (running) {
      const list = await call(baseUrl, keys.dispatcher, 'GET', `${WORK_ORDER_PATH}?state=acknowledged&limit=1000&fields=id,relatedParty,category`);
      listMs.push(list.ms);
      if (list.status === 200) {
        for (const wo of list.body as { id: string; relatedParty: { id: string }[]; category: string }[]) {
          if (seen.has(wo.id)) continue;
          seen.add(wo.id);
          queue.push({ id: wo.id, crew: wo.relatedParty[0]!.id, kind: wo.category });
        }
      } else failures++;
      await sleep(pollMs);
    }
  })();

  const closers = Array.from({ length: concurrency }, async () => {
    while (running || queue.length) {
      const wo = queue.shift();
      if (!wo) {
        await sleep(20);
        continue;
      }
      const key = await keys.crew(wo.crew);
      const accepted = await call(baseUrl, key, 'PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { state: 'inProgress' });
      const done = await call(baseUrl, key, 'PATCH', `${WORK_ORDER_PATH}/${wo.id}`, {
        state: 'completed', result: 'done', measurements: measurements[wo.kind],
      });
      patchMs.push(accepted.ms, done.ms);
      if (accepted.status !== 200 || done.status !== 200) failures++;
      else closed++;
    }
  });

  return {
    /** Figures since the last call (the crews keep running). */
    take() {
      const figures = { closed, failures, listMs: listMs.splice(0), patchMs: patchMs.splice(0) };
      closed = 0;
      failures = 0;
      return figures;
    },
    async stop() {
      running = false;
      await Promise.all([poller, ...closers]);
    },
  };
}
