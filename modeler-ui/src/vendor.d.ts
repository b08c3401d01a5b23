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
    constructor(options: { modeler?: 'web' | 'desktop'; type?: 'cloud' | 'platform'; plugins?: { config?: { rules?: Record<string, string> } }[] });
    lint(definitionsOrXml: unknown): Promise<LintReport[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: Record<string, unknown>;
  export default module;
}
declare module '*.css';
declare module '*?raw' {
  const text: string;
  export default text;
}
