import type { Knex } from 'knex';

/**
 * Independent writes of one transaction in one round trip: each becomes a data-modifying CTE of a
 * single statement. Under a loaded machine every round trip waits twice for a CPU (the database
 * backend, then this process), so a step's trace, result and outbox rows are cheaper sent
 * together. PostgreSQL runs all of them against one snapshot: none may need another's rows.
 */
export async function writeTogether(conn: Knex | Knex.Transaction, writes: Knex.QueryBuilder[]): Promise<void> {
  if (writes.length <= 1) {
    if (writes[0]) await writes[0];
    return;
  }
  const parts = writes.map((w) => w.toSQL());
  await conn.raw(`WITH ${parts.map((p, i) => `w${i} AS (${p.sql})`).join(', ')} SELECT 1`, parts.flatMap((p) => p.bindings));
}
