/**
 * BPMN linting with bpmnlint and the repository's `.bpmnlintrc` (bpmnlint:recommended +
 * camunda-compat for Camunda 8.6), shared by `scripts/lint-bpmn.ts` and the API, which re-lints
 * every diagram a designer deploys. Mirrors what bpmnlint's own CLI does: parse with bpmn-moddle,
 * turn import warnings into errors, then run the Linter with a NodeResolver. bpmn-moddle's XML
 * parser does not expand entities, so a hostile document cannot make it fetch or blow up.
 *
 * One rule is off: `camunda-compat/zeebe-user-task`, which asks for Camunda user tasks. In 8.6 a
 * Camunda user task's key is only found through Tasklist's secondary storage; our flows use
 * job-based user tasks, which the service files for their posts itself (workers/user-task-inbox.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// @ts-expect-error -- bpmn-moddle's main entry ships no type declarations (bpmnlint's CLI does the same)
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
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

let defaultConfig: Promise<LintConfig> | undefined;

/**
 * Lints one BPMN document given as a string: a designer's upload, or a test's modified copy.
 * A fresh Linter each time: some rules (no-duplicate-sequence-flows) remember what they saw.
 */
export async function lintBpmnXml(xml: string, config?: LintConfig): Promise<LintProblem[]> {
  return lintXmlWith(xml, createModdle(), createLinter(config ?? (await (defaultConfig ??= readLintConfig()))));
}

/** Lints the given BPMN files with the repository's `.bpmnlintrc`. */
export async function lintBpmnFiles(paths: readonly string[], config?: LintConfig): Promise<FileLintResult[]> {
  const results: FileLintResult[] = [];
  for (const file of paths) {
    results.push({ file, problems: await lintBpmnXml(await readFile(file, 'utf8'), config) });
  }
  return results;
}

/** Errors (and rules that crashed) stop a deployment; warnings are shown but do not. */
export function blocksDeployment(problem: LintProblem): boolean {
  return problem.category === 'error' || problem.category === 'rule-error';
}
