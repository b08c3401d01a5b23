import type { TraceNotice } from '../../src/events/trace-notice';
import { credentials } from './api';

/**
 * Server-sent events read with fetch, because EventSource cannot send the Authorization header
 * (and a token in the URL would end up in logs). Reconnects after a drop; returns a stop function.
 */
export function subscribeTrace(onNotice: (n: TraceNotice) => void, onLive: (live: boolean) => void, orderId?: string): () => void {
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
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data) onNotice(JSON.parse(data) as TraceNotice);
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
