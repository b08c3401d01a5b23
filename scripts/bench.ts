import path from 'node:path';
import { scenarioNames, type ScenarioName } from '../bench/config.js';
import { runBench } from '../bench/run.js';
import { repoRoot } from './runtime/stack.js';

/**
 * `npm run bench`: brings the whole service up as `npm start` does (on free ports, a fresh broker
 * and database) and runs the benchmark scenarios. `--quick` (or BENCH_QUICK=1) is the smoke-sized
 * run; `--out DIR` writes the results elsewhere than bench/results; `--only engine,timers` picks scenarios.
 */
const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = (valueOf('--only')?.split(',') ?? [...scenarioNames]) as ScenarioName[];
const unknown = only.filter((n) => !scenarioNames.includes(n));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${scenarioNames.join(', ')}`);
  process.exit(2);
}
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const { result } = await runBench({
  quick,
  outDir: path.resolve(valueOf('--out') ?? path.join(repoRoot, 'bench', 'results')),
  only,
  command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  findingsFile: path.join(repoRoot, 'bench', 'findings.md'),
});
const failed = Object.entries(result.scenarios).filter(([, s]) => (s as { error?: string }).error);
process.exit(failed.length ? 1 : 0);
