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
  /** After a commit that wrote outbox rows: delivers them now instead of at the next poll. */
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

/**
 * The key's lock and its first two undelivered rows, in one round trip; no rows when another
 * session holds the key. The statement's snapshot is taken before the lock: a relay that
 * delivered the head row and let go of the key in between left it looking undelivered, and it
 * went out a second time. FOR UPDATE reads each row again as last committed, so a row delivered
 * meanwhile drops out.
 */
export const keyHeadSql = `SELECT o.* FROM (SELECT pg_try_advisory_xact_lock(hashtext(:key)) AS ok) l
  CROSS JOIN LATERAL (SELECT * FROM outbox WHERE l.ok AND ordering_key = :key AND delivered_at IS NULL ORDER BY id LIMIT 2 FOR UPDATE) o`;

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
  /** The highest outbox id the eager path has read; null until its first read. */
  let seenId: string | null = null;
  let eagerReading: Promise<void> | null = null;
  let eagerAgain = false;
  /** Keys the eager path is delivering, at most `concurrency` of them, and their deliveries. */
  const eagerKeys = new Map<string, Promise<void>>();

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

  /**
   * Delivers the key's first due row, if no other session holds the key. `more`: the key had
   * another row behind it, so a drain goes on without a transaction that only finds nothing.
   */
  async function processKey(key: string): Promise<{ delivered: boolean; more: boolean }> {
    const none = { delivered: false, more: false };
    return db.transaction(async (trx) => {
      const { rows }: { rows: (OutboxRow & { next_attempt_at: string })[] } = await trx.raw(keyHeadSql, { key });
      const row = rows[0];
      if (!row || new Date(row.next_attempt_at).getTime() > Date.now()) return none;
      try {
        await deliver(row);
        await trx('outbox').where({ id: row.id }).update({ delivered_at: trx.fn.now(), attempts: row.attempts + 1, last_error: null });
        return { delivered: true, more: rows.length > 1 };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log.warn({ orderId: row.order_id, outboxId: row.id, destination: row.destination, attempts: row.attempts + 1, err: message }, 'outbox delivery failed; will retry');
        await trx('outbox').where({ id: row.id }).update({
          attempts: row.attempts + 1,
          last_error: message.slice(0, 1000),
          next_attempt_at: new Date(Date.now() + backoffMs(row.attempts)),
        });
        return none;
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
    // every key waited for the slowest call of its batch).
    const queue = await dueKeys();
    let delivered = 0;
    let next = 0;
    const lane = async () => {
      while (next < queue.length) {
        const key = queue[next++]!;
        const { delivered: ok } = await processKey(key).catch((err) => {
          log.error({ err: String(err) }, 'outbox relay error');
          return { delivered: false };
        });
        if (ok) delivered++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, lane));
    return delivered;
  }

  /** Delivers the key's rows in order until none is due or another session holds the key. */
  async function drainKey(key: string): Promise<void> {
    let more = true;
    while (more && running) more = (await processKey(key)).more;
  }

  /** Leaves the rows to a pass, at once rather than at the next poll. */
  function passNow(): void {
    kicked = true;
    wake?.();
  }

  /**
   * Delivers the rows committed since the last look right away, beside any pass: a crew's close
   * waited for the pass under way to end, then for its turn in the next (in the engine scenario,
   * p50 1.2 s between its commit and its delivery). Reads by id from the highest id seen, so the
   * read stays small however large the backlog. A row whose transaction commits after a row with a
   * higher id was already seen is left to the passes, which read every due key; so is a key beyond
   * the cap on concurrent deliveries.
   */
  function eager(): void {
    if (seenId === null) return passNow();
    if (eagerReading) {
      eagerAgain = true;
      return;
    }
    const from = seenId;
    eagerReading = (async () => {
      const rows: { id: string; ordering_key: string; delivered_at: Date | null }[] = await db('outbox')
        .select('id', 'ordering_key', 'delivered_at')
        .where('id', '>', from)
        .orderBy('id')
        .limit(500);
      if (rows.length) seenId = rows[rows.length - 1]!.id;
      for (const key of new Set(rows.filter((r) => !r.delivered_at).map((r) => r.ordering_key))) {
        // A drain of this key may have just read its last row, before this one committed.
        if (eagerKeys.has(key) || eagerKeys.size >= concurrency) {
          passNow();
          continue;
        }
        eagerKeys.set(key, drainKey(key)
          .catch((err) => log.error({ err: String(err) }, 'outbox relay error'))
          .finally(() => eagerKeys.delete(key)));
      }
      if (rows.length === 500) eagerAgain = true;
    })()
      .catch((err) => {
        log.error({ err: String(err) }, 'outbox relay could not read new rows');
        passNow();
      })
      .finally(() => {
        eagerReading = null;
        if (eagerAgain && running) {
          eagerAgain = false;
          eager();
        }
      });
  }

  async function run(): Promise<void> {
    while (running) {
      // Rows written before this relay started are the passes' to find.
      seenId ??= await db('outbox').max({ id: 'id' }).first().then((r) => String(r?.id ?? 0), () => null);
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
      if (running) eager();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      await eagerReading;
      await Promise.all(eagerKeys.values());
    },
  };
}
