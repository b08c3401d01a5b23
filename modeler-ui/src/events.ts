import type { LiveNotice, TraceNotice } from '../../src/events/trace-notice';
import { credentials } from './api';

/** Turns one `event:`/`data:` block of the stream into a notice; comments and the retry hint give none. */
function parseBlock(block: string): LiveNotice | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice(7);
    else if (line.startsWith('data: ')) data.push(line.slice(6));
  }
  return data.length ? ({ event, data: JSON.parse(data.join('\n')) } as LiveNotice) : null;
}

/**
 * Server-sent events read with fetch, because EventSource cannot send the Authorization header
 * (and a token in the URL would end up in logs). Reconnects after a drop; returns a stop function.
 */
function openStream(onNotice: (n: LiveNotice) => void, onLive: (live: boolean) => void, orderId?: string): () => void {
  let stopped = false;
  let controller: AbortController | null = null;

  async function run(): Promise<void> {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch(`/api/v1/events${orderId ? `?orderId=${orderId}` : ''}`, {
          headers: { authorization: `Bearer ${credentials.get() ?? ''}` },
          signal: controller.signal,
        });
        if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
        onLive(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const notice = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (notice) onNotice(notice);
          }
        }
      } catch {
        // dropped or refused: show it, wait, try again
      }
      onLive(false);
      if (!stopped) await new Promise((r) => setTimeout(r, 2000));
    }
  }
  void run();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

interface Shared {
  listeners: Set<{ onNotice: (n: LiveNotice) => void; onLive: (live: boolean) => void }>;
  live: boolean;
  stop: () => void;
}
const streams = new Map<string, Shared>();

/**
 * Every panel of a page listens to one shared stream (per order filter): a browser allows only
 * six connections to the server, and each open stream holds one.
 */
export function subscribeLive(onNotice: (n: LiveNotice) => void, onLive: (live: boolean) => void, orderId?: string): () => void {
  const key = orderId ?? '';
  let shared = streams.get(key);
  if (!shared) {
    const s: Shared = { listeners: new Set(), live: false, stop: () => undefined };
    s.stop = openStream((n) => s.listeners.forEach((l) => l.onNotice(n)), (live) => {
      s.live = live;
      s.listeners.forEach((l) => l.onLive(live));
    }, orderId);
    streams.set(key, s);
    shared = s;
  }
  const listener = { onNotice, onLive };
  shared.listeners.add(listener);
  onLive(shared.live);
  const s = shared;
  return () => {
    s.listeners.delete(listener);
    if (s.listeners.size === 0) {
      s.stop();
      streams.delete(key);
    }
  };
}

/** Only the trace entries of the stream. */
export const subscribeTrace = (onNotice: (n: TraceNotice) => void, onLive: (live: boolean) => void, orderId?: string) =>
  subscribeLive((n) => {
    if (n.event === 'trace') onNotice(n.data);
  }, onLive, orderId);
