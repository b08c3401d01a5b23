import type { Db } from '../db/index.js';
import type { Logger } from '../log/index.js';

import { isAlreadyExists, isNotFound, withDeadline } from '../zeebe/calls.js';
import type { Zeebe } from '../zeebe/client.js';

export type MessagePublisher = Pick<Zeebe, 'publishMessage' | 'completeJob'>;

export interface RelayDeps {
  db: Db;
  zeebe: MessagePublisher;
  log: Logger;
  pollMs: number;
  httpTimeoutMs: number;
  /** A broker call that has not answered by then is abandoned: the SDK gives unary calls no deadline of its own. */
  zeebeTimeoutMs: number;
  messageTtlMs: number;
  concurrency?: number;
}

export interface Relay {
  start(): void;
  /** Wakes the relay now instead of at its next poll, after a commit that wrote outbox rows. */
  kick(): void;
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  ordering_key: string;
  kind: 'http' | 'zeebe-message' | 'zeebe-complete-job';
  destination: string;
  payload: Record<string, unknown>;
  order_id: string | null;
  attempts: number;
}

const backoffMs = (attempts: number) => Math.min(60_000, 500 * 2 ** Math.min(attempts, 7));

/**
 * Delivers outbox rows at least once, strictly in order per ordering key (a hub subscriber sees
 * an order's state changes in the order they happened). Several relays may run at once: an
 * advisory lock per ordering key keeps them from delivering the same key concurrently.
 */
export function createRelay(deps: RelayDeps): Relay {
  const { db, log } = deps;
  const concurrency = deps.concurrency ?? 8;
  let running = false;
  let wake: (() => void) | null = null;
  let kicked = false;
  let loop: Promise<void> | null = null;
  /** Set while a pass runs: adds the keys now due to it. */
  let refill: (() => void) | null = null;

  /**
   * A hung call would hold its ordering key (and the relay's pass) forever. Giving up is safe: the
   * row is tried again, and a second publish of its messageId or completion of its job is
   * recognised below as already done.
   */
  const bounded = <T>(call: Promise<T>) => withDeadline(call, deps.zeebeTimeoutMs);

  async function deliver(row: OutboxRow): Promise<void> {
    if (row.kind === 'zeebe-complete-job') {
      try {
        await bounded(deps.zeebe.completeJob({ jobKey: row.destination, variables: (row.payload as { variables: Record<string, unknown> }).variables as never }));
      } catch (err) {
        // Gone: completed by an earlier attempt of this row, or its flow was cancelled meanwhile.
        if (!isNotFound(err)) throw err;
        log.info({ jobKey: row.destination }, 'job to complete is gone; nothing to do');
      }
      return;
    }
    if (row.kind === 'zeebe-message') {
      const p = row.payload as { messageId: string; correlationKey: string; variables: Record<string, unknown> };
      try {
        await bounded(deps.zeebe.publishMessage({
          name: row.destination,
          correlationKey: p.correlationKey,
          messageId: p.messageId,
          variables: p.variables as never,
          timeToLive: deps.messageTtlMs,
        }));
      } catch (err) {
        // A relay killed after publishing but before recording it publishes again: the broker
        // refuses the same messageId, which means the first publish got through.
        if (!isAlreadyExists(err)) throw err;
      }
      return;
    }
    const res = await fetch(row.destination, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(row.payload),
      signal: AbortSignal.timeout(deps.httpTimeoutMs),
    });
    if (!res.ok) throw new Error(`callback answered ${res.status}`);
  }

  async function processKey(key: string): Promise<boolean> {
    return db.transaction(async (trx) => {
      const lock = await trx.raw('SELECT pg_try_advisory_xact_lock(hashtext(?)) AS ok', [key]);
      if (!lock.rows[0].ok) return false;
      const row: OutboxRow | undefined = await trx('outbox')
        .where({ ordering_key: key })
        .whereNull('delivered_at')
        .orderBy('id')
        .first();
      if (!row || new Date((row as unknown as { next_attempt_at: string }).next_attempt_at).getTime() > Date.now()) return false;
      try {
        await deliver(row);
        await trx('outbox').where({ id: row.id }).update({ delivered_at: trx.fn.now(), attempts: row.attempts + 1, last_error: null });
        return true;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ orderId: row.order_id, outboxId: row.id, destination: row.destination, attempts: row.attempts + 1, err: message }, 'outbox delivery failed; will retry');
        await trx('outbox').where({ id: row.id }).update({
          attempts: row.attempts + 1,
          last_error: message.slice(0, 1000),
          next_attempt_at: new Date(Date.now() + backoffMs(row.attempts)),
        });
        return false;
      }
    });
  }

  /** The first undelivered row's key of each ordering key whose turn has come. */
  async function dueKeys(): Promise<string[]> {
    const heads: { ordering_key: string }[] = await db
      .select('ordering_key')
      .from(
        db('outbox')
          .distinctOn('ordering_key')
          .select('ordering_key', 'next_attempt_at')
          .whereNull('delivered_at')
          .orderBy([{ column: 'ordering_key' }, { column: 'id' }])
          .as('heads'),
      )
      .where('next_attempt_at', '<=', db.fn.now())
      .limit(500);
    return heads.map((h) => h.ordering_key);
  }

  async function pass(): Promise<number> {
    // `concurrency` lanes, each taking the next key as soon as its last one is done (in batches,
    // every key waited for the slowest call of its batch). A kick during the pass adds the keys
    // written since to this pass's queue: a crew's close waited for the whole pass before (in the
    // engine scenario, p50 1.5 s between its commit and its delivery).
    const queue: string[] = [];
    const queued = new Set<string>();
    const add = (keys: string[]) => {
      for (const k of keys) {
        if (queued.has(k)) continue;
        queued.add(k);
        queue.push(k);
      }
    };
    let delivered = 0;
    let next = 0;
    let active = 0;
    const lanes: Promise<void>[] = [];
    const lane = async () => {
      while (next < queue.length) {
        const key = queue[next++]!;
        const ok = await processKey(key).catch((err) => {
          log.error({ err: String(err) }, 'outbox relay error');
          return false;
        });
        if (ok) delivered++;
      }
    };
    const spawn = () => {
      while (active < concurrency && next < queue.length) {
        active++;
        lanes.push(lane().finally(() => active--));
      }
    };
    add(await dueKeys());
    spawn();
    let refilling: Promise<void> | null = null;
    // A kick while a refill is reading may be for a row its snapshot missed: read once more after it.
    let again = false;
    refill = () => {
      if (refilling) {
        again = true;
        return;
      }
      refilling = dueKeys()
        .then((keys) => {
          add(keys);
          spawn();
        }, (err) => log.error({ err: String(err) }, 'outbox relay refill failed'))
        .finally(() => {
          refilling = null;
          if (again) {
            again = false;
            refill?.();
          }
        });
    };
    try {
      // Lanes started by a refill join the ones already waited for.
      for (let waited = 0; ;) {
        if (waited < lanes.length) await lanes[waited++];
        else if (refilling) await refilling;
        else break;
      }
    } finally {
      refill = null;
    }
    return delivered;
  }

  async function run(): Promise<void> {
    while (running) {
      kicked = false;
      let delivered = 0;
      try {
        delivered = await pass();
      } catch (err) {
        if (running) log.error({ err: String(err) }, 'outbox relay pass failed');
      }
      if (delivered > 0 || kicked) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, deps.pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    kick() {
      kicked = true;
      refill?.();
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
