import pg from 'pg';
import type { Logger } from '../log/index.js';
import type { TraceNotice } from './trace-notice.js';

export interface TraceFeed {
  /** `onEnd` is called when the feed closes (the process stops), so open streams can end. */
  subscribe(listener: (n: TraceNotice) => void, onEnd: () => void): () => void;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per process, fed by the trigger on trace_events inserts (NOTIFY is sent
 * at commit, so listeners only hear about what is really there). Reconnects with backoff when
 * the connection drops; screens re-read what they show on every notice, so a gap heals itself.
 */
export function createTraceFeed(databaseUrl: string, log: Logger): TraceFeed {
  const listeners = new Map<(n: TraceNotice) => void, () => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      const notice = JSON.parse(msg.payload) as TraceNotice;
      for (const l of listeners.keys()) l(notice);
    });
    c.on('error', (err) => {
      log.warn({ err: err.message }, 'trace feed connection lost; reconnecting');
      client = null;
      c.end().catch(() => undefined);
      setTimeout(() => void connect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
    try {
      await c.connect();
      await c.query('LISTEN trace_events');
      client = c;
      retryMs = 500;
    } catch (err) {
      c.emit('error', err as Error);
    }
  }
  void connect();

  return {
    subscribe(listener, onEnd) {
      listeners.set(listener, onEnd);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      for (const end of listeners.values()) end();
      listeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
