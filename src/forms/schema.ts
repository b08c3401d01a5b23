import { z } from 'zod';

/**
 * A form-js form (the JSON the form-js editor saves and the viewer renders). The server keeps it
 * as the editor made it, and checks a crew's submission against it (src/forms/submission.ts).
 */
export type FormSchema = { type: 'default'; components: FormComponent[] } & Record<string, unknown>;
export type FormComponent = { type: string; id?: string; key?: string; path?: string; components?: FormComponent[] } & Record<string, unknown>;

/** Input components whose values the server can check. */
const inputTypes = new Set(['textfield', 'textarea', 'number', 'checkbox', 'select', 'radio', 'checklist', 'taglist', 'datetime']);
/** Components that show something and submit nothing (a group only nests its components). */
const displayTypes = new Set(['text', 'html', 'separator', 'spacer', 'group']);
export const optionTypes = new Set(['select', 'radio', 'checklist', 'taglist']);
export const multiValueTypes = new Set(['checklist', 'taglist']);

const keyPattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const maxComponents = 500;

export const FormSchemaInput = z.looseObject({
  type: z.literal('default'),
  components: z.array(z.looseObject({ type: z.string().min(1) })).max(maxComponents),
});

/** An input of the form, with where its value sits in the submitted data (a group's path, then its key). */
export interface FormField {
  path: string[];
  component: FormComponent;
}

/** The input fields of a form, in order, groups flattened into their paths. */
export function fieldsOf(schema: FormSchema): FormField[] {
  const out: FormField[] = [];
  const walk = (components: FormComponent[], prefix: string[]) => {
    for (const c of components) {
      if (c.type === 'group') walk(c.components ?? [], c.path ? [...prefix, ...c.path.split('.')] : prefix);
      else if (inputTypes.has(c.type) && typeof c.key === 'string') out.push({ path: [...prefix, ...c.key.split('.')], component: c });
    }
  };
  walk(schema.components, []);
  return out;
}

const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');

/**
 * What a published form must not contain, because the server could not check a submission
 * against it the way the crew's form does: conditions and expressions need FEEL evaluated in the
 * browser's context, options fetched from data are unknown here, and other component types
 * (file pickers, dynamic lists, expressions) submit what this check does not understand.
 */
export function schemaProblems(schema: FormSchema): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  const walk = (components: FormComponent[], prefix: string[], at: string) => {
    components.forEach((c, i) => {
      if (!c || typeof c !== 'object' || typeof c.type !== 'string') {
        problems.push(`${at}[${i}]: a component needs a type`);
        return;
      }
      const where = `${at}[${i}]${c.id ? ` (${c.id})` : ''}`;
      if (++count > maxComponents) return;
      if (!inputTypes.has(c.type) && !displayTypes.has(c.type)) {
        problems.push(`${where}: a ${c.type} component is not supported; use text, number, checkbox, select, radio, checklist, tag list, date/time, text, group`);
        return;
      }
      if (c.conditional !== undefined) problems.push(`${where}: conditions (hide if) are not supported: the server checks every field`);
      if (c.type === 'group') {
        if (c.path !== undefined && (typeof c.path !== 'string' || (c.path !== '' && !keyPattern.test(c.path)))) problems.push(`${where}: path must be letters, digits and _ separated by dots`);
        if (!Array.isArray(c.components)) problems.push(`${where}: a group needs components`);
        else walk(c.components, c.path ? [...prefix, ...c.path.split('.')] : prefix, `${where}.components`);
        return;
      }
      if (!inputTypes.has(c.type)) return;
      if (typeof c.key !== 'string' || !keyPattern.test(c.key)) {
        problems.push(`${where}: key must be letters, digits and _ (dots nest), starting with a letter`);
        return;
      }
      const path = [...prefix, c.key].join('.');
      if (seen.has(path)) problems.push(`${where}: key ${path} is used twice`);
      seen.add(path);
      if (optionTypes.has(c.type)) problems.push(...optionProblems(c, where));
      problems.push(...validateProblems(c, where));
    });
  };
  walk(schema.components, [], 'components');
  if (count > maxComponents) problems.push(`a form has at most ${maxComponents} components`);
  return problems;
}

function optionProblems(c: FormComponent, where: string): string[] {
  if (c.valuesKey !== undefined || c.valuesExpression !== undefined) return [`${where}: options must be listed in the form (static options), not taken from data or an expression`];
  const values = c.values;
  if (!Array.isArray(values) || values.length === 0) return [`${where}: needs at least one option`];
  if (!values.every((v) => v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string')) return [`${where}: every option needs a text value`];
  return [];
}

function validateProblems(c: FormComponent, where: string): string[] {
  const v = c.validate;
  if (v === undefined) return [];
  if (!v || typeof v !== 'object') return [`${where}: validate must be an object`];
  const rules = v as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(rules)) {
    if (isExpression(value)) problems.push(`${where}: validate.${name} may not be an expression`);
  }
  for (const name of ['min', 'max'] as const) {
    if (rules[name] !== undefined && !isExpression(rules[name]) && !Number.isFinite(Number(rules[name]))) problems.push(`${where}: validate.${name} must be a number`);
  }
  for (const name of ['minLength', 'maxLength'] as const) {
    if (rules[name] !== undefined && !isExpression(rules[name]) && !(Number.isInteger(Number(rules[name])) && Number(rules[name]) >= 0)) problems.push(`${where}: validate.${name} must be a whole number`);
  }
  if (rules.pattern !== undefined && !isExpression(rules.pattern)) {
    try {
      new RegExp(String(rules.pattern));
    } catch {
      problems.push(`${where}: validate.pattern is not a valid regular expression`);
    }
  }
  if (rules.validationType !== undefined && !['email', 'phone', 'custom'].includes(String(rules.validationType))) problems.push(`${where}: validate.validationType must be email, phone or custom`);
  return problems;
}
