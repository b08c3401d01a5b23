import { fork, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './stack.js';

export interface ProcessHandle {
  child: ChildProcess;
  /** The API's listening port, as it reported it once ready (PORT=0 picks a free one). */
  port?: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs one of the service's entry points as the real thing runs it: a separate Node process that
 * reports readiness over IPC. Used by the tests and the benchmark.
 */
export async function launch(
  entry: 'api/main.ts' | 'workers/main.ts',
  env: Record<string, string> = {},
  stdio: StdioOptions = ['ignore', 'inherit', 'inherit', 'ipc'],
): Promise<ProcessHandle> {
  const child = fork(path.join(repoRoot, entry), [], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio });
  const ready = await new Promise<{ port?: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port?: number }));
    child.once('exit', (c) => reject(new Error(`${entry} exited with ${c} before it was ready`)));
  });
  return {
    child,
    port: ready.port,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill(signal);
      await exited;
    },
  };
}
