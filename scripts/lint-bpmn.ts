/**
 * Lints BPMN diagrams with bpmnlint, using the repository's `.bpmnlintrc`
 * (bpmnlint:recommended + camunda-compat for Camunda 8.6).
 *
 *   npx tsx scripts/lint-bpmn.ts              lints every processes/*.bpmn
 *   npx tsx scripts/lint-bpmn.ts a.bpmn b.bpmn lints the given files
 *
 * Exits 1 when any file has an error or a warning.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintBpmnFiles, type FileLintResult } from '../src/bpmn/lint.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const processesDir = path.join(repoRoot, 'processes');

/** Every `processes/*.bpmn`, sorted. */
export async function listProcessFiles(dir = processesDir): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => path.join(dir, name));
}

function printResults(results: FileLintResult[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const { file, problems } of results) {
    if (problems.length === 0) continue;
    console.log(`\n${path.relative(process.cwd(), file)}`);
    for (const p of problems) {
      const where = p.path ? `${p.id}#${p.path}` : p.id;
      const category = p.category === 'warn' ? 'warning' : p.category;
      console.log(`  ${where || '-'}  ${category}  ${p.message}  (${p.rule})`);
      if (p.category === 'warn') warnings++;
      else if (p.category !== 'info') errors++;
    }
  }
  return { errors, warnings };
}

async function main(argv: string[]): Promise<number> {
  const files = argv.length > 0 ? argv.map((f) => path.resolve(f)) : await listProcessFiles();
  if (files.length === 0) {
    console.error('lint-bpmn: no .bpmn files found');
    return 1;
  }
  const results = await lintBpmnFiles(files);
  const { errors, warnings } = printResults(results);
  if (errors + warnings > 0) {
    console.log(`\n✖ ${errors + warnings} problem(s) (${errors} error(s), ${warnings} warning(s))`);
    return 1;
  }
  console.log(`✔ ${files.length} BPMN file(s) lint clean: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
