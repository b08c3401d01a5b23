import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { niceAutogroup, niced } from './priority.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The one place the broker version is pinned: 8.6.0 is the newest 8.6 archive Maven Central serves here. */
export const ZEEBE_VERSION = '8.6.0';

export const cacheRoot = process.env.DISPATCH_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'production-dispatch');

export interface BrokerPorts {
  grpc: number;
  rest: number;
  management: number;
  internal: number;
  command: number;
}

export const defaultPorts: BrokerPorts = { grpc: 26500, rest: 8080, management: 9600, internal: 26502, command: 26501 };

export interface RunningBroker {
  grpcAddress: string;
  restAddress: string;
  stop(): Promise<void>;
}

function javaMajor(javaBin: string): number {
  // `java -version` writes to stderr.
  const r = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const m = /version "(\d+)/.exec(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  return m ? Number(m[1]) : 0;
}

/** Zeebe 8.6 needs Java 21+; the machine's default java may be older, so look for a newer JDK. */
/**
 * Newer JDKs warn about the broker's Unsafe and native access; these flags silence that, but the
 * Unsafe one only exists from JDK 23 and an older JVM refuses to start with it.
 */
function quietJavaFlags(javaHome: string): string {
  const major = javaMajor(path.join(javaHome, 'bin', 'java'));
  return ['--enable-native-access=ALL-UNNAMED', ...(major >= 23 ? ['--sun-misc-unsafe-memory-access=allow'] : [])].join(' ');
}

export function findJavaHome(): string {
  const candidates: string[] = [];
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  const jvmDir = '/usr/lib/jvm';
  if (fs.existsSync(jvmDir)) {
    for (const d of fs.readdirSync(jvmDir).sort().reverse()) candidates.push(path.join(jvmDir, d));
  }
  for (const home of candidates) {
    const bin = path.join(home, 'bin', 'java');
    if (fs.existsSync(bin) && javaMajor(bin) >= 21) return home;
  }
  throw new Error('Zeebe 8.6 needs Java 21 or newer: set JAVA_HOME to such a JDK (none found under /usr/lib/jvm)');
}

/** Fetches the distribution from Maven Central once and unpacks it into the user's cache, outside git. */
export function ensureDistribution(log: (msg: string) => void = console.log): string {
  const home = path.join(cacheRoot, `camunda-zeebe-${ZEEBE_VERSION}`);
  if (fs.existsSync(path.join(home, 'bin', 'broker'))) return home;
  fs.mkdirSync(cacheRoot, { recursive: true });
  const archive = path.join(cacheRoot, `camunda-zeebe-${ZEEBE_VERSION}.tar.gz`);
  if (!fs.existsSync(archive)) {
    log(`fetching Zeebe ${ZEEBE_VERSION} from Maven Central (once; cached in ${cacheRoot})`);
    execFileSync(
      'mvn',
      ['-q', '-B', 'dependency:copy', `-Dartifact=io.camunda:camunda-zeebe:${ZEEBE_VERSION}:tar.gz`, `-DoutputDirectory=${cacheRoot}`],
      { stdio: 'inherit' },
    );
  }
  const staging = fs.mkdtempSync(path.join(cacheRoot, 'unpack-'));
  execFileSync('tar', ['xzf', archive, '-C', staging]);
  fs.renameSync(path.join(staging, `camunda-zeebe-${ZEEBE_VERSION}`), home);
  fs.rmSync(staging, { recursive: true, force: true });
  return home;
}

export interface StartBrokerOptions {
  dataDir: string;
  ports?: BrokerPorts;
  logFile: string;
  heapMb?: number;
  /** More broker configuration as ZEEBE_BROKER_* variables, e.g. the exporter's. */
  env?: Record<string, string>;
  log?: (msg: string) => void;
  /** CPU niceness of the broker (scripts/runtime/priority.ts); 0: the default priority. */
  nice?: number;
}

export async function isBrokerReady(managementPort: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${managementPort}/actuator/health/readiness`);
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Zeebe 8.6 rejects user commands (a message publish, an instance start; not a job's completion)
 * once more are in flight than an adaptive limit that shrinks each time a command takes over
 * 200 ms. Where the broker shares its cores with the workers, the API and PostgreSQL, a burst
 * takes commands past 200 ms and the limit down to a few dozen, and the SDK tries a rejected
 * command again after 1 s, then 2 s, 4 s…: in the bench's engine scenario 7 % of commands were
 * rejected and rounds stalled for up to half a minute at half the broker's CPU. Our own clients
 * bound how many commands they have in flight (the relay's lanes, the workers' maxJobs), so a
 * fixed ceiling is left only to stop a runaway client. Set ahead of the environment: an
 * operator's own ZEEBE_BROKER_FLOWCONTROL_* settings win.
 */
export const requestFlowControl = {
  ZEEBE_BROKER_FLOWCONTROL_REQUEST_ALGORITHM: 'fixed',
  ZEEBE_BROKER_FLOWCONTROL_REQUEST_FIXED_LIMIT: '1000',
};

export async function startBroker(opts: StartBrokerOptions): Promise<RunningBroker> {
  const ports = opts.ports ?? defaultPorts;
  const log = opts.log ?? console.log;
  const home = ensureDistribution(log);
  const javaHome = findJavaHome();
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const out = fs.openSync(opts.logFile, 'a');
  const nice = opts.nice ?? 0;
  const [command, args] = niced(nice, path.join(home, 'bin', 'broker'), []);
  const child: ChildProcess = spawn(command, args, {
    cwd: home,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...requestFlowControl,
      ...process.env,
      JAVA_HOME: javaHome,
      JAVA_OPTS: `-Xmx${opts.heapMb ?? 768}m ${quietJavaFlags(javaHome)}`,
      ZEEBE_BROKER_DATA_DIRECTORY: opts.dataDir,
      // Shared disks here can be nearly full; the defaults (2GB/1GB) would stop the broker.
      ZEEBE_BROKER_DATA_DISK_FREESPACE_PROCESSING: '256MB',
      ZEEBE_BROKER_DATA_DISK_FREESPACE_REPLICATION: '128MB',
      ZEEBE_BROKER_GATEWAY_NETWORK_PORT: String(ports.grpc),
      ZEEBE_BROKER_NETWORK_COMMANDAPI_PORT: String(ports.command),
      ZEEBE_BROKER_NETWORK_INTERNALAPI_PORT: String(ports.internal),
      ZEEBE_BROKER_NETWORK_HOST: '127.0.0.1',
      SERVER_PORT: String(ports.rest),
      MANAGEMENT_SERVER_PORT: String(ports.management),
      ZEEBE_BROKER_EXPERIMENTAL_ROCKSDB_MEMORYLIMIT: '256MB',
      ...opts.env,
    },
  });
  if (child.pid) niceAutogroup(child.pid, nice, log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let dead = false;
  void exited.then(() => (dead = true));

  const deadline = Date.now() + 180_000;
  while (!(await isBrokerReady(ports.management))) {
    if (dead) throw new Error(`Zeebe broker exited during start; see ${opts.logFile}`);
    if (Date.now() > deadline) {
      process.kill(-child.pid!, 'SIGKILL');
      throw new Error(`Zeebe broker not ready after 180 s; see ${opts.logFile}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fs.closeSync(out);
  return {
    grpcAddress: `grpc://127.0.0.1:${ports.grpc}`,
    restAddress: `http://127.0.0.1:${ports.rest}`,
    async stop() {
      if (dead) return;
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => !dead && process.kill(-child.pid!, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
