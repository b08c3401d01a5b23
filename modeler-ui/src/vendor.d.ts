// Packages without type declarations, typed as far as the app uses them.
declare module '@camunda/linting' {
  export interface LintReport {
    id: string;
    name?: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    rule: string;
  }
  export class Linter {
    constructor(options: { modeler?: 'web' | 'desktop'; type?: 'cloud' | 'platform'; plugins?: { config?: { extends?: string | string[]; rules?: Record<string, string> }; resolver?: unknown }[] });
    lint(definitionsOrXml: unknown): Promise<LintReport[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: Record<string, unknown>;
  export default module;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module '*.css';
interface ImportMeta {
  /** Vite's build-time import of every file a pattern matches. */
  glob(pattern: string, options: { eager: true; import: 'default'; exhaustive?: boolean }): Record<string, unknown>;
}
declare module '*?raw' {
  const text: string;
  export default text;
}
