import knex, { type Knex } from 'knex';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PreparingPgClient } from './prepared.js';

export type Db = Knex;
export type Tx = Knex.Transaction;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `applicationName` names the connections in pg_stat_activity, so an operator sees which service holds them. */
export function createDb(databaseUrl: string, pool = { min: 0, max: 10 }, applicationName?: string): Db {
  const connection = applicationName ? { connectionString: databaseUrl, application_name: applicationName } : databaseUrl;
  return knex({ client: PreparingPgClient as never, connection, pool });
}

export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(root, 'migrations'),
  loadExtensions: ['.ts'],
  tableName: 'knex_migrations',
};

export async function migrate(db: Db): Promise<void> {
  await db.migrate.latest(migrationConfig);
}
