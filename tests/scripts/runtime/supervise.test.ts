import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { supervise, type Launched } from '../../../scripts/runtime/supervise.js';

/** A real child process that reports ready over IPC, then dies after `dieAfterMs` (or runs on). */
function child(dieAfterMs: number | null): Launched {
  const code = `process.send({ ready: true }); ${dieAfterMs === null ? 'setInterval(() => {}, 1000)' : `setTimeout(() => process.exit(3), ${dieAfterMs})`}`;
  const c = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  return { child: c, ready: new Promise((resolve) => c.once('message', () => resolve())) };
}

test('a service process that dies is started again, with a growing pause, until the service stops', async () => {
  const lines: string[] = [];
  let launches = 0;
  // The first two starts die shortly after being ready; the third keeps running.
  const launch = () => child(++launches < 3 ? 50 : null);
  const first = launch();
  await first.ready;
  const s = supervise('workers/main.ts', first, launch, (m) => lines.push(m), { pauseMs: 100, maxPauseMs: 1000 });
  while (s.restarts < 2) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(s.child.exitCode, null, 'the third start is running');
  assert.match(lines[0]!, /workers\/main.ts exited \(code 3\); starting it again in 0.1 s/);
  assert.match(lines.find((l) => l.includes('again in 0.2 s')) ?? '', /exited/, 'the pause doubled');
  s.stop();
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(s.restarts, 2, 'stopped: an exit is the end');
});
