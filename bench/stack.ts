import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureUiBuilt } from '../scripts/build-ui.js';
import { launch, type ProcessHandle } from '../scripts/runtime/service-process.js';
import { repoRoot, startThrowawayStack } from '../scripts/runtime/stack.js';
import { pidListeningOn } from './proc-usage.js';

export interface BenchStack {
  baseUrl: string;
  databaseUrl: string;
  zeebeGrpcAddress: string;
  /** Root process of each part under test, for CPU and memory sampling (null: not on this machine). */
  pids: Record<'broker' | 'api' | 'workers' | 'postgres' | 'bench', number | null>;
  stop(): Promise<void>;
}

async function postmasterPid(databaseUrl: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const stat = fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null; // a database on another machine
  } finally {
    await client.end();
  }
}

/**
 * Everything `npm start` runs — PostgreSQL, migrations and seeds, a broker with the exporter, the
 * BPMN, the workers and the API — on free ports, a fresh broker and a fresh database of its own, so
 * a running `npm start` or test suite is left alone. Service logs go to files in `runDir`.
 */
export async function startBenchStack(runDir: string, log: (m: string) => void): Promise<BenchStack> {
  await ensureUiBuilt(log);
  const stack = await startThrowawayStack({
    database: 'dispatch_bench',
    embeddedPgDir: path.join(repoRoot, '.data', 'postgres-bench'),
    embeddedPgPort: Number(process.env.BENCH_PG_PORT ?? 54331),
    runDir,
    log,
  });
  const env = {
    DATABASE_URL: stack.databaseUrl,
    ZEEBE_GRPC_ADDRESS: stack.zeebeGrpcAddress,
    ZEEBE_REST_ADDRESS: stack.zeebeRestAddress,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const logTo = (name: string) => {
    const fd = fs.openSync(path.join(runDir, `${name}.log`), 'a');
    return ['ignore', fd, fd, 'ipc'] as const;
  };
  const handles: ProcessHandle[] = [];
  try {
    const workers = await launch('workers/main.ts', env, [...logTo('workers')]);
    handles.push(workers);
    const api = await launch('api/main.ts', { ...env, PORT: '0' }, [...logTo('api')]);
    handles.push(api);
    const brokerPort = Number(new URL(stack.zeebeGrpcAddress.replace(/^grpcs?:/, 'http:')).port);
    let stopping: Promise<void> | null = null;
    const stop = () => {
      stopping ??= (async () => {
        await Promise.all(handles.map((h) => h.kill()));
        await stack.stop();
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      })();
      return stopping;
    };
    // The broker runs in a session of its own, which Ctrl-C does not reach, and the database and
    // services outlived a killed bench: an interrupted run stops what it started. Ctrl-C reaches
    // this process twice (directly and through tsx), so the handler stays until the stop is done.
    const onSignal = () => void stop().finally(() => process.exit(130));
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    return {
      baseUrl: `http://127.0.0.1:${api.port}`,
      databaseUrl: stack.databaseUrl,
      zeebeGrpcAddress: stack.zeebeGrpcAddress,
      pids: {
        broker: pidListeningOn(brokerPort),
        api: api.child.pid ?? null,
        workers: workers.child.pid ?? null,
        postgres: await postmasterPid(stack.databaseUrl),
        bench: process.pid,
      },
      stop,
    };
  } catch (err) {
    await Promise.all(handles.map((h) => h.kill()));
    await stack.stop();
    throw err;
  }
}
