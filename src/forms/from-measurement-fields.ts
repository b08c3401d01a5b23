import type { FormComponent, FormSchema } from './schema.js';

/** The measurement fields work-order kinds carried before step forms: what the first version of each form is made from. */
export interface MeasurementField {
  name: string;
  type: 'number' | 'string' | 'boolean';
  required: boolean;
  min?: number;
  max?: number;
  unit?: string;
}

/** fiberLengthM → "Fiber length": the unit is shown beside the input instead. */
const labelOf = (f: MeasurementField) => {
  const words = f.name.replace(/([A-Z])/g, ' $1').replace(/ (M|Db|Dbm|Mbps)$/i, '').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
};

/** A form-js form with one field per measurement, keeping names, types, required, ranges and units. */
export function formFromMeasurementFields(formId: string, fields: MeasurementField[]): FormSchema {
  const components: FormComponent[] = fields.map((f) => {
    const validate = { ...(f.required ? { required: true } : {}), ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}) };
    const base = { id: `Field_${f.name}`, key: f.name, label: labelOf(f), ...(Object.keys(validate).length ? { validate } : {}) };
    if (f.type === 'number') return { ...base, type: 'number', ...(f.unit ? { appearance: { suffixAdorner: f.unit } } : {}) };
    if (f.type === 'boolean') return { ...base, type: 'checkbox' };
    return { ...base, type: 'textfield' };
  });
  return { type: 'default', id: `Form_${formId.replace(/[^A-Za-z0-9_]/g, '_')}`, schemaVersion: 19, components };
}

/** The form a work-order kind starts with, and the step it is linked to. */
export function firstFormOfKind(kind: { kind: string; name: string; measurement_fields: MeasurementField[] }) {
  const id = `work-order-${kind.kind}`;
  return { id, name: kind.name, step: `work-order:${kind.kind}`, schema: formFromMeasurementFields(id, kind.measurement_fields) };
}
