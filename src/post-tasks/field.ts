/**
 * One input of a post task's answer, as the task representation lists it (`fields`); shared with
 * the browser app (modeler-ui), which renders a form from it. Derived from the form's zod schema
 * (`fields.ts`), so the form can never ask for less or other than the server checks.
 */
export type PostTaskField = ChoiceField | NumberField | TextField | ListField;

interface FieldBase {
  /** The key of the value in the answer's data. */
  name: string;
  label: string;
  required: boolean;
  /** When the field is required only sometimes, or what it is for. */
  hint?: string;
}

/** A decision: a boolean or one of a few values. */
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: { value: string | boolean; label: string }[];
}

export interface NumberField extends FieldBase {
  kind: 'number';
  integer: boolean;
  min?: number;
  max?: number;
}

export interface TextField extends FieldBase {
  kind: 'text';
  /** Notes and reasons get a text area, codes and names a line. */
  multiline: boolean;
  maxLength?: number;
}

/** Repeated groups of fields, e.g. the sites of a design, each with its resources. */
export interface ListField extends FieldBase {
  kind: 'list';
  /** What one entry is called ("site"), for "Add site". */
  itemLabel: string;
  fields: PostTaskField[];
  minItems: number;
  maxItems?: number;
}

/**
 * "materialId" → "Material id": a label for a field or variable nobody titled. Pure, so the
 * browser app uses it too and both sides name things alike.
 */
export function wordsOf(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
