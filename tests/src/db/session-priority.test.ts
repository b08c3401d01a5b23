import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { createDb } from '../../../src/db/index.js';
import { isLocalServer } from '../../../src/db/session-priority.js';

/** Field 19 of /proc/<pid>/stat, after the parenthesised command name. */
function niceness(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

async function backendNiceness(priority?: { nice: number }): Promise<number> {
  const warnings: string[] = [];
  const db = createDb(process.env.DATABASE_URL!, { min: 0, max: 1 }, priority && { ...priority, warn: (m) => warnings.push(m) });
  try {
    const { rows } = await db.raw<{ rows: { pid: number }[] }>('SELECT pg_backend_pid() AS pid');
    assert.deepEqual(warnings, []);
    return niceness(rows[0]!.pid);
  } finally {
    await db.destroy();
  }
}

test('a niced process gets its database sessions on this machine at its own niceness', async () => {
  assert.ok(isLocalServer(process.env.DATABASE_URL!), 'the test database runs on this machine');
  assert.equal(await backendNiceness({ nice: 7 }), 7);
});

test('a process at normal priority leaves its sessions alone', async () => {
  assert.equal(await backendNiceness({ nice: 0 }), 0);
  assert.equal(await backendNiceness(), 0);
});

test('only a server on this machine counts as local', () => {
  assert.equal(isLocalServer('postgres://u:p@127.0.0.1:5432/db'), true);
  assert.equal(isLocalServer('postgres://u:p@localhost/db'), true);
  assert.equal(isLocalServer('postgres://u:p@[::1]:5432/db'), true);
  assert.equal(isLocalServer('postgres:///db?host=/var/run/postgresql'), true);
  assert.equal(isLocalServer('postgres://u:p@postgres:5432/db'), false);
  assert.equal(isLocalServer('postgres://u:p@10.0.0.5:5432/db'), false);
});
