/**
 * An open-model load generator: request i is due at start + i / rate, whether or not earlier
 * requests have been answered (a CRM does not wait for our last answer before sending the next
 * order), and its latency is counted from when it was due, not from when it went out. A service
 * or a client that falls behind therefore shows up in the latency instead of quietly lowering
 * the rate (coordinated omission).
 *
 * autocannon's rate mode, used before, does neither: each connection sends its share at the
 * start of every second, so "50/s" arrives as a burst of 50 at once, and its correction records
 * fill-in values at a 1 ms interval (Math.ceil(1 / per-connection rate)), which weights every
 * response by its own length.
 */

export interface OpenLoopOptions {
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
  /** Sends request `i`; resolves to the HTTP status. A rejection counts as an error. */
  send: (i: number, signal: AbortSignal) => Promise<number>;
  timeoutMs: number;
  /** Statuses that count as success; others count as non2xx. */
  ok?: (status: number) => boolean;
}

export interface OpenLoopResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Per request, from when it was due to when its answer (or failure) arrived. */
  latenciesMs: number[];
  /** How late the generator itself sent requests (its own event loop), p99: a bench sanity check. */
  sendLagP99Ms: number;
}

export async function openLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const intervalMs = 1000 / opts.rate;
  const total = Math.round(opts.rate * opts.seconds);
  const isOk = opts.ok ?? ((s: number) => s >= 200 && s < 300);
  const result: OpenLoopResult = { sent: 0, ok: 0, non2xx: 0, errors: 0, timeouts: 0, latenciesMs: [], sendLagP99Ms: 0 };
  const sendLags: number[] = [];
  const inFlight: Promise<void>[] = [];
  const start = performance.now();

  const fire = (i: number, dueAt: number) => {
    sendLags.push(performance.now() - dueAt);
    result.sent++;
    const signal = AbortSignal.timeout(opts.timeoutMs);
    inFlight.push(opts.send(i, signal).then(
      (status) => {
        if (isOk(status)) result.ok++;
        else result.non2xx++;
      },
      (err: unknown) => {
        if ((err as Error)?.name === 'TimeoutError' || signal.aborted) result.timeouts++;
        else result.errors++;
      },
    ).finally(() => {
      result.latenciesMs.push(performance.now() - dueAt);
    }));
  };

  let next = 0;
  while (next < total) {
    const now = performance.now();
    // Everything already due goes out now, each still timed from its own due time.
    while (next < total && start + next * intervalMs <= now) {
      fire(next, start + next * intervalMs);
      next++;
    }
    if (next < total) await new Promise((r) => setTimeout(r, Math.max(0, start + next * intervalMs - performance.now())));
  }
  await Promise.all(inFlight);
  sendLags.sort((a, b) => a - b);
  result.sendLagP99Ms = sendLags.length ? sendLags[Math.min(sendLags.length - 1, Math.ceil(0.99 * sendLags.length) - 1)]! : 0;
  return result;
}
