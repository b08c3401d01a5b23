import type { ChildProcess } from 'node:child_process';

export interface Launched {
  child: ChildProcess;
  ready: Promise<void>;
}

/**
 * A service process that dies after it was ready is started again, so the service goes on taking
 * and working orders: the workers are stateless (Zeebe hands their unfinished jobs out again) and
 * so is the API. The pause doubles while it keeps dying, up to `maxPauseMs`, and starts over once
 * a start has run for a minute.
 */
export function supervise(
  entry: string,
  first: Launched,
  launch: (entry: string) => Launched,
  log: (m: string) => void,
  opts: { pauseMs?: number; maxPauseMs?: number } = {},
): { readonly child: ChildProcess; readonly restarts: number; stop(): void } {
  const initialPause = opts.pauseMs ?? 1000;
  let pauseMs = initialPause;
  let current = first.child;
  let startedAt = Date.now();
  let restarts = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const watch = (child: ChildProcess) => child.once('exit', (code, signal) => {
    if (stopped) return;
    if (Date.now() - startedAt > 60_000) pauseMs = initialPause;
    log(`${entry} exited (${signal ?? `code ${code}`}); starting it again in ${pauseMs / 1000} s`);
    timer = setTimeout(() => {
      if (stopped) return;
      startedAt = Date.now();
      restarts++;
      const next = launch(entry);
      current = next.child;
      next.ready.then(() => log(`${entry} is back`), () => undefined);
      watch(next.child);
    }, pauseMs);
    pauseMs = Math.min(opts.maxPauseMs ?? 30_000, pauseMs * 2);
  });
  watch(first.child);
  return {
    get child() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    /** From now on an exit is the end: the caller is stopping the service. */
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
