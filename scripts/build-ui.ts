import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './runtime/stack.js';

const uiRoot = path.join(repoRoot, 'modeler-ui');
const builtIndex = path.join(uiRoot, 'dist', 'index.html');
/** What the app bundles from outside modeler-ui (types alone leave nothing in the bundle). */
const sharedInputs = ['package-lock.json', '.bpmnlintrc', 'src/post-tasks/field.ts', 'src/board/board-row.ts'].map((f) => path.join(repoRoot, f));

function newestMtime(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).filter((n) => n !== 'dist').map((n) => newestMtime(path.join(p, n))));
}

/**
 * Builds the browser app when its sources (or the locked dependencies, or what it shares with the
 * server) are newer than its build, so `npm start` and `npm test` always serve the app as it is in
 * the work tree.
 */
export async function ensureUiBuilt(log: (m: string) => void): Promise<void> {
  const sources = Math.max(newestMtime(uiRoot), ...sharedInputs.map((f) => fs.statSync(f).mtimeMs));
  if (fs.existsSync(builtIndex) && fs.statSync(builtIndex).mtimeMs >= sources) return;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ root: uiRoot, configFile: path.join(uiRoot, 'vite.config.ts'), logLevel: 'warn' });
  log(`built the browser app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
