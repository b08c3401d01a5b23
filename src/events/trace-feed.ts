import type { Db } from '../db/index.js';
import type { Logger } from '../log/index.js';
import type { ConsoleTopic, LiveNotice } from './trace-notice.js';

export interface TraceFeed {
  /** `onEnd` is called when the feed closes (the process stops), so open streams can end. */
  subscribe(listener: (n: LiveNotice) => void, onEnd: () => void): () => void;
  close(): Promise<void>;
}

const batch = 1000;
const keepConsoleChangesMs = 3600_000;
const pruneEveryMs = 600_000;

/**
 * One reader per process of the trace entries and console changes (deadlines, alarms, incidents;
 * `console_changes`, filled by triggers) committed since its last read, every `pollMs`. No
 * transaction notifies: PostgreSQL runs notifying commits one at a time
 * (migrations/20261208000001_live_feed_without_notify.ts). Reading by id misses a row whose
 * transaction commits after a later id was read; screens re-read what they show on every notice,
 * so the next notice heals that. With nobody listening a read only moves past what is there.
 */
export function createTraceFeed(db: Db, log: Logger, opts: { pollMs?: number } = {}): TraceFeed {
  const pollMs = opts.pollMs ?? 250;
  const listeners = new Map<(n: LiveNotice) => void, () => void>();
  let cursor: { trace: string; console: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reading: Promise<void> | null = null;
  let closed = false;
  let prunedAt = 0;

  const emit = (n: LiveNotice) => {
    for (const l of listeners.keys()) l(n);
  };

  async function latest(): Promise<{ trace: string; console: string }> {
    const [t, c] = await Promise.all([
      db('trace_events').max({ id: 'id' }).first(),
      db('console_changes').max({ id: 'id' }).first(),
    ]);
    return { trace: String(t?.id ?? 0), console: String(c?.id ?? 0) };
  }

  async function read(): Promise<void> {
    if (!cursor || listeners.size === 0) {
      cursor = await latest();
      return;
    }
    const from = cursor;
    const [traces, changes] = await Promise.all([
      db('trace_events').select('id', 'order_id', 'kind', 'step', 'outcome', 'at').where('id', '>', from.trace).orderBy('id').limit(batch),
      db('console_changes').select('id', 'topic', 'ref_id', 'subject_id', 'state').where('id', '>', from.console).orderBy('id').limit(batch),
    ]);
    cursor = {
      trace: traces.length ? String(traces[traces.length - 1].id) : from.trace,
      console: changes.length ? String(changes[changes.length - 1].id) : from.console,
    };
    for (const t of traces) {
      emit({ event: 'trace', data: { id: Number(t.id), orderId: t.order_id, kind: t.kind, step: t.step, outcome: t.outcome, at: new Date(t.at).toISOString() } });
    }
    for (const c of changes) {
      const topic = c.topic as ConsoleTopic;
      emit({ event: topic, data: { topic, id: c.ref_id, subjectId: c.subject_id, state: c.state } });
    }
  }

  /** Console changes are only news for a moment: a screen opened later reads the lists themselves. */
  async function prune(): Promise<void> {
    if (Date.now() - prunedAt < pruneEveryMs) return;
    prunedAt = Date.now();
    await db('console_changes').where('at', '<', new Date(Date.now() - keepConsoleChangesMs)).delete();
  }

  const tick = () => {
    reading = read()
      .then(prune)
      .catch((err) => log.warn({ err: String(err) }, 'live feed read failed; trying again'))
      .finally(() => {
        reading = null;
        if (!closed) timer = setTimeout(tick, pollMs);
      });
  };
  tick();

  return {
    subscribe(listener, onEnd) {
      listeners.set(listener, onEnd);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await reading;
      for (const end of listeners.values()) end();
      listeners.clear();
    },
  };
}
