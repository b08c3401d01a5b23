import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { postgresFor, startUsageSampler } from '../../bench/proc-usage.js';

// A parent that starts children one after another, each burning CPU for a moment and ending, as
// PostgreSQL's postmaster does with the backends of short-lived connections.
const parentScript = `
const { spawnSync } = require('node:child_process');
process.stdin.once('data', () => {
  for (let i = 0; i < 4; i++) spawnSync(process.execPath, ['-e', 'const end = Date.now() + 150; while (Date.now() < end);']);
  console.log('done');
  process.stdin.once('data', () => process.exit(0));
});
console.log('ready');
`;

test("a process tree is charged for the CPU of its children that have ended, never less than before", async () => {
  const parent = spawn(process.execPath, ['-e', parentScript], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    await once(parent.stdout!, 'data');
    const sampler = startUsageSampler({ parent: parent.pid! }, { intervalMs: 50 });
    const end = sampler.window();
    parent.stdin!.write('go\n');
    await once(parent.stdout!, 'data');
    const usage = end()['parent']!;
    sampler.stop();
    // Four children of ~150 ms of CPU each: at least ~0.5 CPU-seconds over a window of about a second.
    assert.ok(usage.cpuPct > 30, `the ended children's CPU counts (got ${usage.cpuPct} %)`);
  } finally {
    parent.stdin!.write('bye\n');
    parent.kill();
  }
});

test("PostgreSQL's CPU is split by the application each backend serves", async () => {
  // Two stand-in backends: one busy for a second, one asleep.
  const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 1000; while (Date.now() < end);']);
  const idle = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
  try {
    const labels = new Map([[busy.pid!, 'dispatch-workers'], [idle.pid!, 'dispatch-api']]);
    const sampler = startUsageSampler({}, { intervalMs: 50, backends: async () => labels });
    const end = sampler.window();
    await once(busy, 'exit');
    const usage = end();
    sampler.stop();
    assert.ok(usage[postgresFor('dispatch-workers')]!.cpuPct > 50, `the busy backend's CPU (got ${usage[postgresFor('dispatch-workers')]!.cpuPct} %)`);
    assert.ok(usage[postgresFor('dispatch-api')]!.cpuPct < 10, `the idle backend's CPU (got ${usage[postgresFor('dispatch-api')]!.cpuPct} %)`);
  } finally {
    busy.kill();
    idle.kill();
  }
});
