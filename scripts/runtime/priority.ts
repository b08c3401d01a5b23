import fs from 'node:fs';

/**
 * On one machine the engine side (the Zeebe broker and the job workers) and the request path (the
 * API and PostgreSQL) share the same cores. The engine side works off queues — Zeebe's log, the
 * jobs it hands out — so a burst only makes it finish later; the API answers a CRM that is
 * waiting. Under a burst the engine side runs at a lower CPU priority (a higher niceness) so the
 * API's answers do not queue behind it; when the cores are not all busy, niceness changes nothing.
 * `ENGINE_NICE` sets it: 0 (the same priority as the API) to 19, default 10.
 */
export function engineNice(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ENGINE_NICE;
  if (raw === undefined || raw === '') return 10;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 19) throw new Error(`ENGINE_NICE must be an integer from 0 to 19, not "${raw}"`);
  return n;
}

/** The command and arguments that run `command` at niceness `nice` (via coreutils `nice`, so every thread it starts inherits it). */
export function niced(nice: number, command: string, args: string[]): [string, string[]] {
  return nice > 0 ? ['nice', ['-n', String(nice), command, ...args]] : [command, args];
}

/**
 * A process started in a session of its own (the broker is, so Ctrl-C reaches it only through the
 * orderly stop) forms its own autogroup where Linux has autogroup scheduling on, and the scheduler
 * shares the CPU between autogroups before niceness counts: the group gets the same niceness.
 * Elsewhere (no autogroups, not Linux) the process's own niceness is all there is.
 */
export function niceAutogroup(pid: number, nice: number, log: (m: string) => void): void {
  const file = `/proc/${pid}/autogroup`;
  if (nice === 0 || !fs.existsSync(file)) return;
  try {
    fs.writeFileSync(file, String(nice));
  } catch (err) {
    log(`could not lower the CPU priority of process ${pid}'s autogroup: ${(err as Error).message}`);
  }
}
