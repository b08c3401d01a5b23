import { EMAIL_PATTERN, PHONE_PATTERN } from './patterns.js';
import { fieldsOf, multiValueTypes, optionTypes, type FormComponent, type FormSchema } from './schema.js';

type Data = Record<string, unknown>;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
const isPlainObject = (v: unknown): v is Data => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks data submitted through a form against the form, with the rules the form-js viewer applies
 * in the browser (required, number, min/max, length, pattern, email/phone, options, date formats),
 * so a client that skips the browser's checks is refused too. Returns the problems, each prefixed
 * with `label` and the field's path, and the values to keep: the form's fields, empty ones left out.
 */
export function checkSubmission(schema: FormSchema, data: Data, label: string): { problems: string[]; values: Data } {
  const problems: string[] = [];
  const values: Data = {};
  const fields = fieldsOf(schema);
  for (const { path, component } of fields) {
    if (component.disabled === true) continue; // the viewer neither submits nor checks a disabled field
    const name = `${label}.${path.join('.')}`;
    const value = valueAt(data, path);
    const found = valueProblems(component, value);
    problems.push(...found.map((p) => `${name} ${p}`));
    if (!found.length && !isEmpty(value)) setAt(values, path, value);
  }
  const known = new Set(fields.filter((f) => f.component.disabled !== true).map((f) => f.path.join('.')));
  for (const path of unknownPaths(data, known)) problems.push(`${label}.${path} is not a field of this form`);
  return { problems, values };
}

function valueAt(data: Data, path: string[]): unknown {
  let node: unknown = data;
  for (const p of path) node = isPlainObject(node) ? node[p] : undefined;
  return node;
}

function setAt(data: Data, path: string[], value: unknown): void {
  let node = data;
  for (const p of path.slice(0, -1)) node = (node[p] ??= {}) as Data;
  node[path[path.length - 1]!] = value;
}

/** Leaves of the data that no field owns; objects are walked only where some field lives below them. */
function unknownPaths(data: Data, known: Set<string>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (known.has(path)) continue;
    const below = [...known].some((f) => f.startsWith(`${path}.`));
    if (below && isPlainObject(v)) out.push(...unknownPaths(v, known, path));
    else if (!isEmpty(v)) out.push(path);
  }
  return out;
}

const unitOf = (c: FormComponent) => {
  const suffix = (c.appearance as { suffixAdorner?: unknown } | undefined)?.suffixAdorner;
  return typeof suffix === 'string' && suffix ? ` ${suffix}` : '';
};

function valueProblems(c: FormComponent, value: unknown): string[] {
  const rules = (c.validate ?? {}) as Record<string, unknown>;
  const required = rules.required === true;
  const empty = isEmpty(value) || (c.type === 'checkbox' && value === false) || (Array.isArray(value) && value.length === 0);
  if (empty) return required ? ['is required'] : [];
  switch (c.type) {
    case 'number':
      return numberProblems(c, value, rules);
    case 'checkbox':
      return typeof value === 'boolean' ? [] : ['must be true or false'];
    case 'datetime':
      return typeof value === 'string' && dateTimeOk(String(c.subtype ?? 'date'), value) ? [] : [`must be a ${c.subtype ?? 'date'} in ISO 8601 form`];
    default:
      if (optionTypes.has(c.type)) return optionProblemsOf(c, value);
      return typeof value === 'string' ? textProblems(value, rules) : ['must be text'];
  }
}

function numberProblems(c: FormComponent, value: unknown, rules: Record<string, unknown>): string[] {
  const asText = c.serializeToString === true && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value);
  if (!(typeof value === 'number' && Number.isFinite(value)) && !asText) return ['must be a number'];
  const n = Number(value);
  const problems: string[] = [];
  const digits = decimalsOf(String(value));
  if (typeof c.decimalDigits === 'number' && c.decimalDigits >= 0 && digits > c.decimalDigits) {
    problems.push(c.decimalDigits === 0 ? 'must be a whole number' : `must have at most ${c.decimalDigits} decimal digits`);
  }
  if (c.increment !== undefined && !isMultipleOf(String(value), String(c.increment))) problems.push(`must be a multiple of ${c.increment}`);
  if (rules.min !== undefined && n < Number(rules.min)) problems.push(`must be at least ${rules.min}${unitOf(c)}`);
  if (rules.max !== undefined && n > Number(rules.max)) problems.push(`must be at most ${rules.max}${unitOf(c)}`);
  return problems;
}

const decimalsOf = (s: string) => (/\.(\d+)$/.exec(s)?.[1]?.length ?? 0);

/** Exact in decimal, as form-js checks it with big.js: scaled to whole numbers before the remainder. */
function isMultipleOf(value: string, increment: string): boolean {
  if (!/^-?\d+(\.\d+)?$/.test(value) || !/^\d+(\.\d+)?$/.test(increment)) return false;
  const scale = Math.max(decimalsOf(value), decimalsOf(increment));
  const whole = (s: string) => BigInt(s.replace('.', '') + '0'.repeat(scale - decimalsOf(s)));
  const step = whole(increment);
  return step === 0n || whole(value) % step === 0n;
}

function textProblems(value: string, rules: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const length = value.trim().length;
  if (rules.minLength !== undefined && length < Number(rules.minLength)) problems.push(`must be at least ${rules.minLength} characters long`);
  if (rules.maxLength !== undefined && length > Number(rules.maxLength)) problems.push(`must be at most ${rules.maxLength} characters long`);
  if (typeof rules.pattern === 'string' && rules.pattern && !new RegExp(rules.pattern).test(value)) {
    problems.push(typeof rules.patternErrorMessage === 'string' && rules.patternErrorMessage ? `is invalid: ${rules.patternErrorMessage}` : `must match ${rules.pattern}`);
  }
  if (rules.validationType === 'email' && !EMAIL_PATTERN.test(value)) problems.push('must be an email address');
  if (rules.validationType === 'phone' && !PHONE_PATTERN.test(value)) problems.push('must be an international phone number (e.g. +4930664040900)');
  return problems;
}

function optionProblemsOf(c: FormComponent, value: unknown): string[] {
  const allowed = new Set((c.values as { value: string }[]).map((v) => v.value));
  const multi = multiValueTypes.has(c.type);
  if (multi !== Array.isArray(value)) return [multi ? 'must be a list of options' : 'must be one option'];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const bad = list.filter((v) => typeof v !== 'string' || !allowed.has(v));
  return bad.length ? [`must be one of ${[...allowed].join(', ')}`] : [];
}

function dateTimeOk(subtype: string, value: string): boolean {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/;
  const time = /^([01]\d|2[0-3]):[0-5]\d(Z|[+-]\d{2}:\d{2})?$/;
  if (subtype === 'date') {
    const m = date.exec(value);
    if (!m) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.getUTCDate() === Number(m[3]);
  }
  if (subtype === 'time') return time.test(value);
  const [d, t] = value.split('T');
  return !!d && !!t && dateTimeOk('date', d) && time.test(t);
}
