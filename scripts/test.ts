import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureUiBuilt } from './build-ui.js';
import { repoRoot, startThrowawayStack } from './runtime/stack.js';

/**
 * `npm test`: the whole suite against a real Zeebe broker and real PostgreSQL. The broker runs on
 * free ports with fresh data and the run gets a database of its own, so neither a running
 * `npm start` nor another test run is disturbed. Test files run one at a time: they share the broker.
 */
const log = (m: string) => console.log(`[test] ${m}`);

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'support' ? [] : testFiles(p);
    return e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const selected = process.argv.slice(2);
const files = selected.length ? selected.map((f) => path.resolve(f)) : testFiles(path.join(repoRoot, 'tests')).sort();
const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dispatch-test-'));

const database = `dispatch_test_${process.pid}`;

await ensureUiBuilt(log);
const stack = await startThrowawayStack({
  database,
  embeddedPgDir: path.join(repoRoot, '.data', 'postgres-test'),
  embeddedPgPort: Number(process.env.EMBEDDED_PG_PORT ?? 54339),
  runDir,
  log,
});

let code = 1;
try {
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        ZEEBE_GRPC_ADDRESS: stack.zeebeGrpcAddress,
        ZEEBE_REST_ADDRESS: stack.zeebeRestAddress,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        TEST_RUN_DIR: runDir,
      },
    });
    child.on('exit', (c) => resolve(c ?? 1));
  });
} finally {
  await stack.stop();
  if (code === 0) fs.rmSync(runDir, { recursive: true, force: true });
  else log(`broker log kept in ${runDir}`);
}
process.exit(code);
