import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureUiBuilt } from './build-ui.js';
import { defaultPorts, repoRoot, startStack } from './runtime/stack.js';
import { startService, type ServiceEntry } from './runtime/service-process.js';
import { supervise, type Launched } from './runtime/supervise.js';

/**
 * `npm start`: one command brings up the whole service on this machine — PostgreSQL, the Zeebe
 * broker, migrations and BPMN, the workers and the API — and Ctrl-C stops all of it.
 */
const t0 = Date.now();
const log = (m: string) => console.log(`[start] ${m}`);
const port = Number(process.env.PORT ?? 3000);

await ensureUiBuilt(log);
const stack = await startStack({
  database: 'dispatch',
  freshDatabase: false,
  embeddedPgDir: path.join(repoRoot, '.data', 'postgres'),
  embeddedPgPort: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  brokerPorts: defaultPorts,
  brokerDataDir: path.join(repoRoot, '.data', 'zeebe'),
  freshBrokerData: false,
  log,
});

const env = {
  ...process.env,
  DATABASE_URL: stack.databaseUrl,
  ZEEBE_GRPC_ADDRESS: stack.zeebeGrpcAddress,
  ZEEBE_REST_ADDRESS: stack.zeebeRestAddress,
  PORT: String(port),
};
const launch = (entry: string): Launched => startService(entry as ServiceEntry, env, ['inherit', 'inherit', 'inherit', 'ipc']);

const workers = launch('workers/main.ts');
const api = launch('api/main.ts');
try {
  await Promise.all([workers.ready, api.ready]);
} catch (err) {
  log(String(err));
  workers.child.kill('SIGTERM');
  api.child.kill('SIGTERM');
  await stack.stop();
  process.exit(1);
}
const running = [supervise('api/main.ts', api, launch, log), supervise('workers/main.ts', workers, launch, log)];
log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s — http://localhost:${port} (API docs at /api-docs, health at /health/ready)`);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const r of running) r.stop();
  log('stopping: API, workers (finishing in-flight jobs), broker, database');
  const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())));
  const children = running.map((r) => r.child);
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  await stack.stop();
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
