import { z } from 'zod';
import { wordsOf, type PostTaskField } from './field.js';

/** The part of JSON Schema that zod writes for a post task's answer, with the form's own metadata. */
interface Schema {
  type?: string;
  title?: string;
  description?: string;
  enum?: (string | number | boolean)[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  /** `.meta({ options })`: how each value of a choice reads. */
  options?: Record<string, string>;
  /** `.meta({ itemLabel })`: what one entry of a list is called. */
  itemLabel?: string;
}

/** Anything longer than a name or a code is written as a note, in a text area. */
const LINE_MAX = 200;

function field(name: string, s: Schema, required: boolean): PostTaskField {
  const base = { name, label: s.title ?? wordsOf(name), required, ...(s.description ? { hint: s.description } : {}) };
  const labelOf = (v: string | number | boolean) => s.options?.[String(v)] ?? String(v);
  if (s.type === 'boolean') return { ...base, kind: 'choice', options: [true, false].map((value) => ({ value, label: labelOf(value) })) };
  if (s.enum) return { ...base, kind: 'choice', options: s.enum.map((v) => ({ value: String(v), label: labelOf(v) })) };
  if (s.type === 'integer' || s.type === 'number') {
    return { ...base, kind: 'number', integer: s.type === 'integer', ...(s.minimum !== undefined ? { min: s.minimum } : {}), ...(s.maximum !== undefined ? { max: s.maximum } : {}) };
  }
  if (s.type === 'string') {
    return { ...base, kind: 'text', multiline: (s.maxLength ?? Infinity) > LINE_MAX, ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}) };
  }
  if (s.type === 'array' && s.items?.type === 'object') {
    return {
      ...base, kind: 'list', itemLabel: s.itemLabel ?? 'entry', fields: objectFields(s.items),
      minItems: s.minItems ?? 0, ...(s.maxItems !== undefined ? { maxItems: s.maxItems } : {}),
    };
  }
  // A form nobody can fill in must fail at start-up, not in front of the post.
  throw new Error(`post task field ${name} has a shape the form cannot show: ${JSON.stringify(s)}`);
}

function objectFields(s: Schema): PostTaskField[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, p]) => field(name, p, required.has(name)));
}

/**
 * The inputs of a post task's form, read from the zod schema that checks its answer: what the
 * browser shows is what the server asks for. Conditions that span fields (a reason only when
 * rejecting) are not inputs; a field's hint says them and the server's refusal enforces them.
 */
export const fieldsOf = (schema: z.ZodType): PostTaskField[] => objectFields(z.toJSONSchema(schema, { io: 'input' }) as Schema);
