import { useState, type FormEvent } from 'react';
import type { MeasurementField } from '../../../src/work-orders/measurements';
import { api, ApiError } from '../api';
import type { WorkOrder } from './crew-page';

export interface WorkOrderKind {
  kind: string;
  name: string;
  measurementFields: MeasurementField[];
}

/** fiberLengthM → "Fiber length"; the unit is shown beside the input. */
const labelOf = (f: MeasurementField) => {
  const words = f.name.replace(/([A-Z])/g, ' $1').replace(/ (M|Dbm|Mbps)$/i, '').trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
};

/**
 * The close form, built from the kind's measurement fields. The API checks the values (the
 * browser does not pre-empt it), and its problems are shown against the fields they concern.
 */
export function MeasurementForm({ workOrder, kind, onClosed, onCancel }: {
  workOrder: WorkOrder;
  kind: WorkOrderKind | undefined;
  onClosed: () => void;
  onCancel: () => void;
}) {
  const fields = kind?.measurementFields ?? [];
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const measurements: Record<string, unknown> = {};
    for (const f of fields) {
      const v = values[f.name];
      if (v === undefined || v === '') continue;
      measurements[f.name] = f.type === 'number' ? Number(v) : v;
    }
    setBusy(true);
    setProblems([]);
    try {
      await api('PATCH', `/tmf-api/workOrderManagement/v4/workOrder/${workOrder.id}`, {
        state: 'completed', result: 'done', measurements, ...(note ? { note } : {}),
      });
      onClosed();
    } catch (err) {
      if (err instanceof ApiError && err.details.length) setProblems(err.details.map((d) => (typeof d === 'string' ? d : d.message)));
      else setProblems([err instanceof Error ? err.message : 'The work order could not be closed.']);
    } finally {
      setBusy(false);
    }
  }

  const problemOf = (f: MeasurementField) => problems.find((p) => p.startsWith(`measurements.${f.name} `))?.replace(`measurements.${f.name} `, '');

  return (
    <form className="measure" onSubmit={submit} noValidate aria-label="Measurements">
      {fields.map((f) => (
        <label key={f.name} className={problemOf(f) ? 'invalid' : ''}>
          <span>{labelOf(f)}{f.required && <em className="req" aria-label="required"> *</em>}</span>
          {f.type === 'boolean' ? (
            <input type="checkbox" name={f.name} checked={values[f.name] === true} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked })} />
          ) : (
            <span className="input-unit">
              <input
                name={f.name}
                type={f.type === 'number' ? 'number' : 'text'}
                inputMode={f.type === 'number' ? 'decimal' : 'text'}
                step="any"
                min={f.min}
                max={f.max}
                value={String(values[f.name] ?? '')}
                onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
              />
              {f.unit && <span className="unit">{f.unit}</span>}
            </span>
          )}
          {problemOf(f) && <small className="field-error">{problemOf(f)}</small>}
        </label>
      ))}
      <label>
        <span>Note</span>
        <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Optional" />
      </label>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          The work order was not closed: {problems.join('; ')}
        </div>
      )}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button className="btn btn-primary grow" disabled={busy}>{busy ? 'Closing…' : 'Close work order'}</button>
      </div>
    </form>
  );
}
