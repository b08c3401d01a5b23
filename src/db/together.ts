import type { Knex } from 'knex';

/**
 * Independent writes of one transaction in one round trip: each becomes a data-modifying CTE of a
 * single statement. Under a loaded machine every round trip waits twice for a CPU (the database
 * backend, then this process), so a step's trace, result and outbox rows are cheaper sent
 * together. PostgreSQL runs all of them against one snapshot: none may need another's rows, and
 * none sees another's changes. Returns what the first write returns (its RETURNING rows), if any.
 */
export async function writeTogether<Row = unknown>(conn: Knex | Knex.Transaction, writes: Knex.QueryBuilder[]): Promise<Row[]> {
  if (writes.length === 0) return [];
  const parts = writes.map((w) => w.toSQL());
  const returns = (parts[0] as { returning?: unknown }).returning !== undefined;
  if (writes.length === 1) {
    const rows = await writes[0]!;
    return returns ? (rows as Row[]) : [];
  }
  const { rows } = await conn.raw<{ rows: Row[] }>(
    `WITH ${parts.map((p, i) => `w${i} AS (${p.sql})`).join(', ')} SELECT ${returns ? '* FROM w0' : '1'}`,
    parts.flatMap((p) => p.bindings),
  );
  return returns ? rows : [];
}
