/**
 * Lints BPMN diagrams with bpmnlint, using the repository's `.bpmnlintrc`
 * (bpmnlint:recommended + camunda-compat for Camunda 8.6).
 *
 *   npx tsx scripts/lint-bpmn.ts              lints every processes/*.bpmn
 *   npx tsx scripts/lint-bpmn.ts a.bpmn b.bpmn lints the given files
 *
 * Exits 1 when any file has an error or a warning. Mirrors what bpmnlint's own CLI
 * (node_modules/bpmnlint/bin/bpmnlint.js) does: parse with bpmn-moddle, turn import
 * warnings into errors, then run the Linter with a NodeResolver.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// @ts-expect-error -- bpmn-moddle's main entry ships no type declarations (bpmnlint's CLI does the same)
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const processesDir = path.join(repoRoot, 'processes');
const configPath = path.join(repoRoot, '.bpmnlintrc');

/** bpmnlint's categories: configured severities plus `rule-error` when a rule itself throws. */
export type LintCategory = 'error' | 'warn' | 'info' | 'rule-error';

export interface LintProblem {
  /** Id of the offending element (empty when the whole file is concerned, e.g. a parse error). */
  id: string;
  message: string;
  category: LintCategory;
  /** Rule that reported it, e.g. `label-required` or `camunda-compat/implementation`. */
  rule: string;
  /** Property path inside the element, when the rule gives one (e.g. `extensionElements.values.0.type`). */
  path?: string;
  /** Human-readable name of the element, when the rule gives one. */
  elementName?: string;
}

export interface FileLintResult {
  file: string;
  problems: LintProblem[];
}

interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, unknown>;
}

// --- the untyped bits of bpmnlint / bpmn-moddle, typed as far as we use them ---

interface ModdleElement {
  $type: string;
  id?: string;
}

interface ImportWarning extends Error {
  element?: ModdleElement;
}

interface ParseResult {
  rootElement: ModdleElement;
  warnings?: ImportWarning[];
}

interface BpmnModdleInstance {
  fromXML(xml: string): Promise<ParseResult>;
}

interface BpmnlintReport {
  id?: string;
  message: string;
  category: LintCategory;
  path?: (string | number)[];
  name?: string;
}

interface LinterInstance {
  lint(root: ModdleElement): Promise<Record<string, BpmnlintReport[]>>;
}

type LinterConstructor = new (options: { config: LintConfig; resolver: unknown }) => LinterInstance;
type NodeResolverConstructor = new (options?: { require?: NodeJS.Require }) => unknown;

// bpmnlint is CommonJS without type declarations; load it the way its CLI does.
const requireFromRepo = createRequire(path.join(repoRoot, 'package.json'));
const Linter = requireFromRepo('bpmnlint/lib/linter') as LinterConstructor;
const NodeResolver = requireFromRepo('bpmnlint/lib/resolver/node-resolver') as NodeResolverConstructor;
const BpmnModdleConstructor = BpmnModdle as new (packages: Record<string, unknown>) => BpmnModdleInstance;

export async function readLintConfig(file = configPath): Promise<LintConfig> {
  return JSON.parse(await readFile(file, 'utf8')) as LintConfig;
}

function createLinter(config: LintConfig): LinterInstance {
  // Resolve rule packages (bpmnlint-plugin-camunda-compat) from the repository, whatever the cwd.
  return new Linter({ config, resolver: new NodeResolver({ require: requireFromRepo }) });
}

function createModdle(): BpmnModdleInstance {
  return new BpmnModdleConstructor({ zeebe: zeebeModdle });
}

async function lintXmlWith(xml: string, moddle: BpmnModdleInstance, linter: LinterInstance): Promise<LintProblem[]> {
  let parsed: ParseResult;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (e) {
    const error = e as ImportWarning & { warnings?: ImportWarning[] };
    return [
      { id: '', message: `Parse error: ${error.message}`, category: 'error', rule: 'bpmn-parse' },
      ...importProblems(error.warnings ?? []),
    ];
  }

  const problems = importProblems(parsed.warnings ?? []);
  const reports = await linter.lint(parsed.rootElement);
  for (const [rule, ruleReports] of Object.entries(reports)) {
    for (const report of ruleReports) {
      const problem: LintProblem = { id: report.id ?? '', message: report.message, category: report.category, rule };
      if (report.path?.length) problem.path = report.path.join('.');
      if (report.name) problem.elementName = report.name;
      problems.push(problem);
    }
  }
  return problems;
}

/** Like the bpmnlint CLI: an import warning (unknown element/attribute, bad reference) is an error. */
function importProblems(warnings: ImportWarning[]): LintProblem[] {
  return warnings.map((warning) => ({
    id: warning.element?.id ?? '',
    message: `Import warning: ${warning.message.split('\n')[0] ?? ''}`,
    category: 'error' as const,
    rule: 'bpmn-import',
  }));
}

/** Lints one BPMN document given as a string (used by tests that lint modified copies in memory). */
export async function lintBpmnXml(xml: string, config?: LintConfig): Promise<LintProblem[]> {
  return lintXmlWith(xml, createModdle(), createLinter(config ?? (await readLintConfig())));
}

/** Lints the given BPMN files with the repository's `.bpmnlintrc`. */
export async function lintBpmnFiles(paths: readonly string[], config?: LintConfig): Promise<FileLintResult[]> {
  const moddle = createModdle();
  const linter = createLinter(config ?? (await readLintConfig()));
  const results: FileLintResult[] = [];
  for (const file of paths) {
    const xml = await readFile(file, 'utf8');
    results.push({ file, problems: await lintXmlWith(xml, moddle, linter) });
  }
  return results;
}

/** Every `processes/*.bpmn`, sorted. */
export async function listProcessFiles(dir = processesDir): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Anything but `info` fails the build: errors, warnings and rules that crashed. */
export function isFailure(problem: LintProblem): boolean {
  return problem.category !== 'info';
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
