export interface MeasurementField {
  name: string;
  type: 'number' | 'string' | 'boolean';
  required: boolean;
  min?: number;
  max?: number;
  unit?: string;
}

/** Checks a crew's measurements against the work-order kind's field definitions (data, editable). */
export function validateMeasurements(fields: MeasurementField[], values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') {
      if (f.required) problems.push(`measurements.${f.name} is required`);
      continue;
    }
    if (typeof v !== f.type) {
      problems.push(`measurements.${f.name} must be a ${f.type}`);
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push(`measurements.${f.name} must be a finite number`);
      if (f.min !== undefined && v < f.min) problems.push(`measurements.${f.name} must be at least ${f.min}${f.unit ? ` ${f.unit}` : ''}`);
      if (f.max !== undefined && v > f.max) problems.push(`measurements.${f.name} must be at most ${f.max}${f.unit ? ` ${f.unit}` : ''}`);
    }
  }
  const known = new Set(fields.map((f) => f.name));
  for (const k of Object.keys(values)) if (!known.has(k)) problems.push(`measurements.${k} is not a field of this work order`);
  return problems;
}
