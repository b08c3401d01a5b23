import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// knex's own PostgreSQL dialect: extended below, not replaced.
const KnexPgClient: new (config: unknown) => object = require('knex/lib/dialects/postgres/index.js');

interface CompiledQuery {
  sql: string;
  bindings?: unknown[];
  options?: Record<string, unknown>;
}

interface PgConnection {
  __knex__disposed?: unknown;
}

/** Enough for every statement the service's code paths build; past it, new texts run unnamed. */
export const MAX_NAMED_STATEMENTS = 500;

/**
 * knex sends every statement unnamed, so PostgreSQL parses it afresh on each call. Naming a
 * parameterised statement after its text lets each connection parse it once, as pgjdbc and
 * postgres.js do by default; createDb still has every call planned for its own values, since
 * generic plans slowed the dispatcher's queries. Parsing alone saves PostgreSQL about an eighth of
 * its CPU per order against plain `pg` (engine bench, rounds of equal machine load: 117 → 102 ms;
 * bench/findings.md, session 11). Behind PgBouncer in transaction mode this needs PgBouncer 1.21+
 * with `max_prepared_statements` set.
 */
export function createStatementNamer(max = MAX_NAMED_STATEMENTS) {
  const names = new Map<string, string>();
  return (sql: string): string | undefined => {
    let name = names.get(sql);
    if (!name && names.size < max) {
      name = `k_${createHash('sha1').update(sql).digest('base64url').slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
}

/** A prepared statement of a table that changed shape since (a migration while running). */
export const isStalePlan = (err: unknown) =>
  (err as { code?: string })?.code === '0A000' && /cached plan must not change result type/.test(String((err as Error).message));

// One per process, shared by its pools and their transactions (knex runs those on derived clients).
const nameOf = createStatementNamer();

export class PreparingPgClient extends (KnexPgClient as new (config: unknown) => {
  _query(connection: PgConnection, obj: CompiledQuery): Promise<unknown>;
}) {
  override async _query(connection: PgConnection, obj: CompiledQuery): Promise<unknown> {
    const name = obj.bindings?.length && !obj.options?.name ? nameOf(obj.sql) : undefined;
    if (name) obj.options = { ...obj.options, name };
    try {
      return await super._query(connection, obj);
    } catch (err) {
      // The connection's statements are stale; the pool drops it and a new one prepares afresh.
      if (isStalePlan(err)) connection.__knex__disposed = err;
      throw err;
    }
  }
}
