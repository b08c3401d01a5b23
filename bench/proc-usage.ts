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

/** Samples the named process trees once a second; `window()` marks a scenario's start and returns its usage at the end. */
export function startUsageSampler(pids: Record<string, number | null>, intervalMs = 1000) {
  const samples: Sample[] = [];
  const roots = new Set(Object.values(pids).filter((p): p is number => p !== null));
  const take = () => {
    const stats = allStats();
    samples.push({
      at: Date.now(),
      totals: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, pid ? treeTotals(pid, stats, roots) : null])),
    });
  };
  take();
  const timer = setInterval(take, intervalMs);
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
        return Object.fromEntries(
          Object.keys(pids).map((name) => {
            const a = first.totals[name];
            const b = last.totals[name];
            if (!a || !b) return [name, null];
            const rss = slice.map((s) => s.totals[name]?.rssKb ?? 0).filter((v) => v > 0);
            const usage: Usage = {
              cpuPct: round1(((b.ticks - a.ticks) / CLOCK_TICKS / seconds) * 100),
              rssMbMean: round1(rss.reduce((x, y) => x + y, 0) / rss.length / 1024),
              rssMbMax: round1(Math.max(...rss) / 1024),
              samples: slice.length,
            };
            return [name, usage];
          }),
        );
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
