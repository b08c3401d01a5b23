import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveNotice } from '../../../src/events/trace-notice';
import { subscribeLive } from '../events';

/**
 * Data a panel shows, read again whenever the live stream says one of its topics changed. Bursts
 * (a whole order's clocks stopping at once) cause one read, not one per event.
 */
export function useLiveData<T>(load: () => Promise<T>, topics: LiveNotice['event'][], orderId?: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const pending = useRef<number | null>(null);
  const topicKey = topics.join(',');

  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    const wanted = new Set(topicKey.split(','));
    const stop = subscribeLive((n) => {
      if (!wanted.has(n.event) || pending.current) return;
      pending.current = window.setTimeout(() => {
        pending.current = null;
        void reload();
      }, 300);
    }, (on) => {
      setLive(on);
      // Whatever happened while the stream was down is read on reconnect.
      if (on) void reload();
    }, orderId);
    return () => {
      stop();
      if (pending.current) window.clearTimeout(pending.current);
      pending.current = null;
    };
  }, [reload, topicKey, orderId]);

  return { data, error, live, reload };
}

/** The current time, ticking once a second, for countdowns. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}
