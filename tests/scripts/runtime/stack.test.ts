import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { assertNotInUse, dropDatabase, recreateDatabase } from '../../../scripts/runtime/postgres.js';
import { startStack } from '../../../scripts/runtime/stack.js';

test('a second run refuses a throw-away database another run is connected to, instead of dropping it under that run', async () => {
  const server = process.env.DATABASE_URL!;
  const database = `in_use_${randomUUID().slice(0, 8)}`;
  const url = await recreateDatabase(server, database);
  const firstRun = new pg.Client({ connectionString: url });
  await firstRun.connect();
  try {
    await assert.rejects(
      startStack({
        database, freshDatabase: true, dropDatabaseOnStop: true,
        embeddedPgDir: path.join('/nonexistent', 'unused'), embeddedPgPort: 1,
        brokerPorts: { grpc: 1, command: 2, internal: 3, rest: 4, management: 5 }, brokerDataDir: '/nonexistent/zeebe', freshBrokerData: true,
        log: () => undefined,
      }),
      /database "in_use_[0-9a-f]+" is in use by 1 connection\(s\) of another run/,
    );
    const { rows } = await firstRun.query<{ ok: number }>('SELECT 1 AS ok');
    assert.equal(rows[0]!.ok, 1, 'the first run is still connected to its database');
  } finally {
    await firstRun.end();
  }
  // Once the first run has let go (or was killed), the database is free to be made afresh.
  await assertNotInUse(server, database);
  await dropDatabase(url);
});
