import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../../src/db/index.js';
import { createZeebe } from '../../src/zeebe/client.js';
import { deployProcesses } from '../deploy-processes.js';
import { freePort } from './ports.js';
import { engineNice } from './priority.js';
import { migrateAndSeed } from '../migrate.js';
import { ensureExporterJar, exporterEnv, jdbcTarget } from './exporter.js';
import { assertNotInUse, dropDatabase, ensureDatabase, recreateDatabase, startEmbeddedPostgres, type RunningPostgres } from './postgres.js';
import { defaultPorts, isBrokerReady, startBroker, type BrokerPorts, type RunningBroker } from './zeebe.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StackOptions {
  /** `dispatch` for npm start; a throw-away database for the tests. */
  database: string;
  freshDatabase: boolean;
  /** Drop the database on stop, after the broker (whose exporter writes into it) has stopped. */
  dropDatabaseOnStop?: boolean;
  embeddedPgDir: string;
  embeddedPgPort: number;
  brokerPorts: BrokerPorts;
  brokerDataDir: string;
  freshBrokerData: boolean;
  log: (m: string) => void;
}

export interface Stack {
  databaseUrl: string;
  zeebeGrpcAddress: string;
  zeebeRestAddress: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL (DATABASE_URL's server, or an embedded one), migrations and seed data, a Zeebe broker
 * (ZEEBE_GRPC_ADDRESS's, or a local one from the cached distribution, exporting into that
 * database) and the deployed BPMN. Migrations run before the broker starts so the exporter finds
 * its tables from its first record on.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const nice = engineNice();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((e) => opts.log(`stop failed: ${String(e)}`));
  };
  try {
    const embedded: RunningPostgres | null = process.env.DATABASE_URL
      ? null
      : await startEmbeddedPostgres(opts.embeddedPgDir, opts.embeddedPgPort, opts.log);
    const serverUrl = process.env.DATABASE_URL ?? embedded!.serverUrl;
    // Checked before this run may stop the server: another run using the database needs it.
    if (opts.freshDatabase) await assertNotInUse(serverUrl, opts.database);
    if (embedded) stops.push(() => embedded.stop());
    const databaseUrl = opts.freshDatabase
      ? await recreateDatabase(serverUrl, opts.database)
      : process.env.DATABASE_URL ?? (await ensureDatabase(serverUrl, opts.database));
    if (opts.dropDatabaseOnStop) stops.push(() => dropDatabase(databaseUrl));
    await migrateAndSeed(databaseUrl);

    let grpc = process.env.ZEEBE_GRPC_ADDRESS;
    let rest = process.env.ZEEBE_REST_ADDRESS ?? `http://127.0.0.1:${opts.brokerPorts.rest}`;
    if (!grpc) {
      if (await isBrokerReady(opts.brokerPorts.management)) {
        opts.log(`a Zeebe broker already answers on port ${opts.brokerPorts.management}; using it (and whatever database its exporter writes to)`);
        grpc = `grpc://127.0.0.1:${opts.brokerPorts.grpc}`;
      } else {
        if (opts.freshBrokerData) fs.rmSync(opts.brokerDataDir, { recursive: true, force: true });
        const exporterJar = ensureExporterJar(opts.log);
        const started = Date.now();
        const broker: RunningBroker = await startBroker({
          dataDir: opts.brokerDataDir,
          ports: opts.brokerPorts,
          logFile: `${opts.brokerDataDir}.log`,
          env: exporterEnv(exporterJar, jdbcTarget(databaseUrl)),
          log: opts.log,
          nice,
        });
        stops.push(() => broker.stop());
        opts.log(`Zeebe broker ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        grpc = broker.grpcAddress;
        rest = broker.restAddress;
      }
    }

    const zeebe = createZeebe(grpc);
    const db = createDb(databaseUrl, { min: 0, max: 2 });
    try {
      const deployed = await deployProcesses(zeebe, db);
      opts.log(`deployed ${deployed.map((d) => `${d.processId} v${d.version}`).join(', ')}`);
    } finally {
      await zeebe.close();
      await db.destroy();
    }
    return { databaseUrl, zeebeGrpcAddress: grpc, zeebeRestAddress: rest, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * A stack of its own beside anything else running: free broker ports, a fresh broker under
 * `runDir`, and a fresh database dropped on stop (used by the tests and the benchmarks).
 */
export async function startThrowawayStack(opts: {
  database: string;
  embeddedPgDir: string;
  embeddedPgPort: number;
  runDir: string;
  log: (m: string) => void;
}): Promise<Stack> {
  const [grpc, command, internal, rest, management] = (await Promise.all([1, 2, 3, 4, 5].map(() => freePort()))) as number[];
  return startStack({
    database: opts.database,
    freshDatabase: true,
    dropDatabaseOnStop: true,
    embeddedPgDir: opts.embeddedPgDir,
    embeddedPgPort: opts.embeddedPgPort,
    brokerPorts: { grpc: grpc!, command: command!, internal: internal!, rest: rest!, management: management! },
    brokerDataDir: path.join(opts.runDir, 'zeebe'),
    freshBrokerData: true,
    log: opts.log,
  });
}

export { defaultPorts };
