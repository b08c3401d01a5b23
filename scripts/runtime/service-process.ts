import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { engineNice, niced } from './priority.js';
import { repoRoot } from './stack.js';
import type { Launched } from './supervise.js';

export type ServiceEntry = 'api/main.ts' | 'workers/main.ts';

export interface ProcessHandle {
  child: ChildProcess;
  /** The API's listening port, as it reported it once ready (PORT=0 picks a free one). */
  port?: number;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts one of the service's entry points as a separate Node process that reports readiness
 * over IPC (stdio must include 'ipc'). The workers are the engine side and run at its niceness
 * (scripts/runtime/priority.ts); the API runs at the default priority.
 */
export function startService(
  entry: ServiceEntry,
  env: NodeJS.ProcessEnv,
  stdio: StdioOptions,
): Launched & { readyMessage: Promise<{ port?: number }> } {
  const nice = entry === 'workers/main.ts' ? engineNice(env) : 0;
  const [command, args] = niced(nice, process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)]);
  const child = spawn(command, args, { env, stdio });
  const readyMessage = new Promise<{ port?: number }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port?: number }));
    child.once('exit', (c) => reject(new Error(`${entry} exited with ${c} before it was ready`)));
  });
  return { child, ready: readyMessage.then(() => undefined), readyMessage };
}

/** Runs an entry point as the real thing runs it, and waits until it is ready. Used by the tests and the benchmark. */
export async function launch(
  entry: ServiceEntry,
  env: Record<string, string> = {},
  stdio: StdioOptions = ['ignore', 'inherit', 'inherit', 'ipc'],
): Promise<ProcessHandle> {
  const started = startService(entry, { ...process.env, ...env }, stdio);
  const ready = await started.readyMessage;
  const { child } = started;
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
