import knex, { type Knex } from 'knex';
import path from 'node:path';
import type pg from 'pg';
import { fileURLToPath } from 'node:url';
import { isLocalServer, sessionPriority } from './session-priority.js';

export type Db = Knex;
export type Tx = Knex.Transaction;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SessionPriority {
  /** The niceness the process runs at; its database sessions get the same (see session-priority.ts). */
  nice: number;
  warn: (m: string) => void;
}

export function createDb(databaseUrl: string, pool = { min: 0, max: 10 }, priority?: SessionPriority): Db {
  if (!priority || priority.nice <= 0 || !isLocalServer(databaseUrl)) return knex({ client: 'pg', connection: databaseUrl, pool });
  const renice = sessionPriority(priority.nice, priority.warn);
  const afterCreate = (conn: pg.Client & { processID: number }, done: (err: Error | null, conn: pg.Client) => void) => {
    renice(conn.processID);
    done(null, conn);
  };
  return knex({ client: 'pg', connection: databaseUrl, pool: { ...pool, afterCreate } });
}

export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(root, 'migrations'),
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
};

export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest(migrationConfig);
}
