import pg from 'pg';
import type { Logger } from '../log/index.js';
import type { ConsoleNotice, LiveNotice, TraceNotice } from './trace-notice.js';

export interface TraceFeed {
  /** `onEnd` is called when the feed closes (the process stops), so open streams can end. */
  subscribe(listener: (n: LiveNotice) => void, onEnd: () => void): () => void;
  close(): Promise<void>;
}

function toNotice(channel: string, payload: string): LiveNotice {
  if (channel === 'trace_events') return { event: 'trace', data: JSON.parse(payload) as TraceNotice };
  const data = JSON.parse(payload) as ConsoleNotice;
  return { event: data.topic, data };
}

/**
 * One LISTEN connection per process, fed by the trigger on trace_events inserts and by the
 * console triggers on deadlines, alarms and incidents (NOTIFY is sent at commit, so listeners
 * only hear about what is really there). Reconnects with backoff when
 * the connection drops; screens re-read what they show on every notice, so a gap heals itself.
 */
export function createTraceFeed(databaseUrl: string, log: Logger): TraceFeed {
  const listeners = new Map<(n: LiveNotice) => void, () => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;

  async function connect(): Promise<void> {
    if (closed) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      const notice = toNotice(msg.channel, msg.payload);
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
      await c.query('LISTEN console_events');
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
