import fs from 'node:fs';

/**
 * CPU and memory of the processes under test, read from /proc: each named process counts with
 * its whole tree (PostgreSQL's backends are children of the postmaster; the broker's JVM may be a
 * child of its launcher script).
 */
const CLOCK_TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

interface ProcStat {
  ppid: number;
  ticks: number;
  rssKb: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime + stime, and cutime + cstime: the CPU of children that have ended (a PostgreSQL
    // backend whose connection closed), which otherwise left the tree's sum, even below zero.
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]), rssKb: Number(f[21]) * PAGE_KB };
  } catch {
    return null;
  }
}

function allStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) stats.set(Number(name), s);
  }
  return stats;
}

/** Sums a process and its descendants, except those counted under a name of their own (the bench spawned the broker and the service). */
function treeTotals(root: number, stats: Map<number, ProcStat>, otherRoots: Set<number>): { ticks: number; rssKb: number } | null {
  if (!stats.has(root)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let ticks = 0;
  let rssKb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const s = stats.get(pid)!;
    ticks += s.ticks;
    rssKb += s.rssKb;
    stack.push(...(children.get(pid) ?? []).filter((c) => !otherRoots.has(c)));
  }
  return { ticks, rssKb };
}

/** The process listening on a local TCP port (found through the socket's inode), if it runs on this machine. */
export function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== '0A') continue; // 0A = LISTEN
      if (parseInt(cols[1]!.split(':')[1]!, 16) === port) inodes.add(cols[9]!);
    }
  }
  if (!inodes.size) return null;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${name}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${name}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(name);
      } catch {
        // the descriptor closed while we looked
      }
    }
  }
  return null;
}

export interface Usage {
  /** Mean CPU over the window, in percent of one core (200 = both cores of a 2-core machine). */
  cpuPct: number;
  rssMbMean: number;
  rssMbMax: number;
  samples: number;
}

interface Sample {
  at: number;
  totals: Record<string, { ticks: number; rssKb: number } | null>;
}

/** Which application each PostgreSQL backend serves, by pid (pg_stat_activity's application_name, else its backend type). */
export type BackendLabels = () => Promise<Map<number, string>>;

/** The name under which PostgreSQL's CPU for one application is reported, beside PostgreSQL's total. */
export const postgresFor = (label: string) => `postgres for ${label}`;

/**
 * Samples the named process trees once a second; `window()` marks a scenario's start and returns
 * its usage at the end. With `backends`, PostgreSQL's CPU is also split by the application each
 * backend serves (CPU only: their memory is PostgreSQL's). A backend's CPU counts from the first
 * sample that knows its application, so a connection opened and closed between two samples is
 * only in PostgreSQL's total.
 */
export function startUsageSampler(pids: Record<string, number | null>, opts: { intervalMs?: number; backends?: BackendLabels } = {}) {
  const samples: Sample[] = [];
  const roots = new Set(Object.values(pids).filter((p): p is number => p !== null));
  let labels = new Map<number, string>();
  const lastTicks = new Map<number, number>();
  const byLabel: Record<string, number> = {};
  let refreshing = false;
  const refreshLabels = () => {
    if (!opts.backends || refreshing) return;
    refreshing = true;
    opts.backends().then((m) => { labels = m; }, () => undefined).finally(() => { refreshing = false; });
  };
  const take = () => {
    const stats = allStats();
    for (const [pid, label] of labels) {
      const ticks = stats.get(pid)?.ticks;
      if (ticks === undefined) continue;
      const before = lastTicks.get(pid);
      byLabel[label] = (byLabel[label] ?? 0) + (before === undefined ? 0 : Math.max(0, ticks - before));
      lastTicks.set(pid, ticks);
    }
    samples.push({
      at: Date.now(),
      totals: {
        ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? treeTotals(pid, stats, roots) : null])),
        ...Object.fromEntries(Object.entries(byLabel).map(([label, ticks]) => [postgresFor(label), { ticks, rssKb: 0 }])),
      },
    });
    refreshLabels();
  };
  take();
  const timer = setInterval(take, opts.intervalMs ?? 1000);
  timer.unref();
  return {
    window() {
      take();
      const from = samples.length - 1;
      return (): Record<string, Usage | null> => {
        take();
        const slice = samples.slice(from);
        const first = slice[0]!;
        const last = slice[slice.length - 1]!;
        const seconds = Math.max(0.001, (last.at - first.at) / 1000);
        const cpuPct = (a: { ticks: number }, b: { ticks: number }) => round1(((b.ticks - a.ticks) / CLOCK_TICKS / seconds) * 100);
        const processes = Object.keys(pids).map((name) => {
          const a = first.totals[name];
          const b = last.totals[name];
          if (!a || !b) return [name, null];
          const rss = slice.map((s) => s.totals[name]?.rssKb ?? 0).filter((v) => v > 0);
          const usage: Usage = {
            cpuPct: cpuPct(a, b),
            rssMbMean: round1(rss.reduce((x, y) => x + y, 0) / rss.length / 1024),
            rssMbMax: round1(Math.max(...rss) / 1024),
            samples: slice.length,
          };
          return [name, usage];
        });
        // An application first seen during the window had used nothing before it.
        const postgresBy = Object.keys(last.totals).filter((name) => !(name in pids)).sort().map((name) => [
          name, { cpuPct: cpuPct(first.totals[name] ?? { ticks: 0 }, last.totals[name]!), rssMbMean: 0, rssMbMax: 0, samples: slice.length },
        ]);
        return Object.fromEntries([...processes, ...postgresBy]);
      };
    },
    stop: () => clearInterval(timer),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Stops the given processes where they are (SIGSTOP); the returned function lets them go on (SIGCONT). */
export function freeze(pids: number[]): () => void {
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return () => {
    for (const pid of pids) process.kill(pid, 'SIGCONT');
  };
}
