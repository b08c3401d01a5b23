import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../scripts/runtime/stack.js';

/**
 * `npm run bench -- --quick` end to end: a broker of its own (the suite's would export into the
 * suite's database), a fresh database on the suite's PostgreSQL server, a few seconds of each
 * scenario, and results written where the test says.
 */
describe('benchmark smoke run', () => {
  it('runs every scenario and writes the JSON and Markdown results with the headline fields', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.ZEEBE_GRPC_ADDRESS;
    delete env.ZEEBE_REST_ADDRESS;
    let output = '';
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'bench.ts'), '--quick', '--out', out], {
        cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('exit', (c) => resolve(c ?? 1));
    });
    assert.equal(code, 0, output);

    const result = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
    for (const field of ['engineRatio', 'intakeP99Ms', 'lostOrders', 'alarmLagP99Ms', 'boardP95Ms']) {
      assert.equal(typeof result[field], 'number', `${field} is a number (${result[field]})`);
    }
    assert.equal(result.mode, 'quick');
    assert.ok(result.engineRatio > 0);
    assert.equal(result.lostOrders, 0, 'every accepted order reached a final state');

    const { engine, intake, timers, queries } = result.scenarios;
    assert.deepEqual(engine.rounds.map((r: { round: number; family: string }) => [r.round, r.family]), [[1, 'ours'], [1, 'raw']]);
    assert.ok(engine.rounds.every((r: { orders: number; perSecond: number }) => r.orders === 4 && r.perSecond > 0));
    assert.equal(engine.ordersNotCompleted, 0);
    assert.ok(engine.where.elements.some((e: { element: string; rawMeanMs: number | null }) =>
      e.element === 'order-fulfillment/Activity_AcceptOrder' && e.rawMeanMs !== null), 'raw and ours timed element by element');
    assert.ok(engine.where.outboxDelay.some((r: { kind: string; n: number }) => r.kind === 'zeebe-message' && r.n >= 4), 'the outbox wait of the crews\' closes and the orders\' starts');
    assert.deepEqual(intake.perRate.map((r: { rate: number; engine: string }) => `${r.rate} ${r.engine}`), ['20 running', '50 running', '100 running', '50 frozen']);
    assert.ok(intake.accepted > 0);
    // Orders taken while the engine stood still started when it went on: none lost (lostOrders above).
    assert.ok(intake.perRate[3].accepted > 0 && typeof intake.intakeP99MsEngineFrozen === 'number');
    assert.equal(timers.alarmsMissing, 0);
    assert.equal(timers.alarmLagMs.n, timers.timers);
    assert.ok(queries.rows.productOrders >= 2000);
    for (const scenario of [intake.perRate[0], timers, queries]) {
      for (const proc of ['broker', 'api', 'workers', 'postgres']) {
        assert.equal(typeof scenario.usage[proc]?.cpuPct, 'number', `${proc} CPU recorded`);
        assert.ok(scenario.usage[proc].rssMbMax > 0, `${proc} memory recorded`);
      }
    }

    const md = fs.readFileSync(path.join(out, 'latest.md'), 'utf8');
    assert.match(md, /\| engine ratio \(ours \/ raw\) \| [\d.]+ \| ≥ 0\.7 \|/);
    assert.match(md, /## 4\. Dispatcher queries/);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
