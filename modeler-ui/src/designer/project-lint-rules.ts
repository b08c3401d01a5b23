import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import bpmnlintrc from '../../../.bpmnlintrc?raw';

/**
 * The project's `.bpmnlintrc` as a plugin for Camunda's linter, so the designer judges a diagram as
 * the server does when it deploys (src/bpmn/lint.ts). Camunda's linter brings the camunda-compat
 * rules of the diagram's version but only bpmnlint's `correctness` set; the server's file also
 * extends `bpmnlint:recommended` (a task without a name, a flow that ends nowhere), and without it
 * a diagram showing no problems here was refused on deploy. The file's rule settings come along too
 * (post tasks are job-based user tasks filed by the service's own inbox, so the advice to use
 * Camunda user tasks, which need Tasklist, is off in both places).
 */
const rc = JSON.parse(bpmnlintrc) as { extends?: string | string[]; rules?: Record<string, string> };
const bpmnlintConfigs = [rc.extends ?? []].flat().filter((name) => name.startsWith('bpmnlint:'));

// Every bpmnlint rule and config a browser bundle may need, resolved at build time (bpmnlint finds
// them with require() in Node). `exhaustive`: Vite's globs skip node_modules otherwise.
const rules = import.meta.glob('../../../node_modules/bpmnlint/rules/*.js', { eager: true, import: 'default', exhaustive: true });
const configs = import.meta.glob('../../../node_modules/bpmnlint/config/*.js', { eager: true, import: 'default', exhaustive: true });
const byName = (modules: Record<string, unknown>, kind: 'rule' | 'config') =>
  Object.fromEntries(Object.entries(modules).map(([file, module]) => [`${kind}:bpmnlint/${file.replace(/^.*\/|\.js$/g, '')}`, module]));

export const projectLintPlugin = {
  config: { extends: bpmnlintConfigs, rules: rc.rules ?? {} },
  resolver: new StaticResolver({ ...byName(rules, 'rule'), ...byName(configs, 'config') }),
};
