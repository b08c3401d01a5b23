import type { ReactNode } from 'react';
import type { ListField, PostTaskField } from '../../../src/post-tasks/field';

/** What the form holds: text and numbers as typed, choices as their values, lists as arrays of the same. */
export type Values = Record<string, unknown>;

/** The values a fresh form starts with: a list shows as many empty entries as it needs at least. */
export function initialValues(fields: PostTaskField[]): Values {
  return Object.fromEntries(fields.filter((f): f is ListField => f.kind === 'list').map((f) => [f.name, Array.from({ length: Math.max(f.minItems, f.required ? 1 : 0) }, () => initialValues(f.fields))]));
}

/** The answer to send: blanks left out (the server says which of them it needed), numbers as numbers. */
export function answerOf(fields: PostTaskField[], values: Values): Values {
  const out: Values = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'list') out[f.name] = ((v as Values[] | undefined) ?? []).map((item) => answerOf(f.fields, item));
    else if (v !== undefined && v !== '') out[f.name] = f.kind === 'number' ? Number(v) : v;
  }
  return out;
}

/** Where the server's refusal points: "sites.0.code: is required" → { 'sites.0.code': 'is required' }. */
export function problemsByPath(details: unknown[]): Record<string, string> {
  return Object.fromEntries(details.filter((d): d is string => typeof d === 'string' && d.includes(': ')).map((d) => {
    const at = d.indexOf(': ');
    return [d.slice(0, at), d.slice(at + 2)];
  }));
}

interface Props {
  fields: PostTaskField[];
  values: Values;
  onChange: (values: Values) => void;
  /** Unique on the page (radio groups share a name), and the field's path in the server's problems. */
  scope: string;
  path?: string;
  problems: Record<string, string>;
}

/** The inputs of a post task's form, as the task's `fields` describe them. */
export function AnswerFields({ fields, values, onChange, scope, path = '', problems }: Props) {
  return (
    <>
      {fields.map((f) => (
        <FieldInput key={f.name} field={f} value={values[f.name]} onChange={(v) => onChange({ ...values, [f.name]: v })}
          scope={scope} path={path ? `${path}.${f.name}` : f.name} problems={problems} />
      ))}
    </>
  );
}

function FieldInput({ field, value, onChange, scope, path, problems }: {
  field: PostTaskField; value: unknown; onChange: (v: unknown) => void; scope: string; path: string; problems: Record<string, string>;
}) {
  const problem = problems[path];
  const label = <>{field.label}{field.required && <em className="req" aria-hidden> *</em>}</>;
  const note = (
    <>
      {field.hint && <span className="muted small field-hint">{field.hint}</span>}
      {problem && <span className="field-error small">{field.label}: {problem}</span>}
    </>
  );
  const id = `${scope}-${path}`;

  if (field.kind === 'list') {
    return <ListInput field={field} items={(value as Values[] | undefined) ?? []} onChange={onChange} scope={scope} path={path} problems={problems} label={label} note={note} />;
  }
  if (field.kind === 'choice' && field.options.length <= 4) {
    return (
      <fieldset className={`field ${problem ? 'invalid' : ''}`}>
        <legend>{label}</legend>
        <div className="choice-options">
          {field.options.map((o) => (
            <label key={String(o.value)} className="choice-option">
              <input type="radio" name={id} checked={value === o.value} onChange={() => onChange(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
        {note}
      </fieldset>
    );
  }
  return (
    <label className={problem ? 'invalid' : ''} htmlFor={id}>
      <span>{label}</span>
      {field.kind === 'choice' ? (
        <select id={id} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(field.options.find((o) => String(o.value) === e.target.value)?.value)}>
          <option value="" disabled>Choose…</option>
          {field.options.map((o) => <option key={String(o.value)} value={String(o.value)}>{o.label}</option>)}
        </select>
      ) : field.kind === 'number' ? (
        <input id={id} type="number" inputMode={field.integer ? 'numeric' : 'decimal'} step={field.integer ? 1 : 'any'} min={field.min} max={field.max}
          value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value)} />
      ) : field.multiline ? (
        <textarea id={id} rows={3} maxLength={field.maxLength} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} maxLength={field.maxLength} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.target.value)} />
      )}
      {note}
    </label>
  );
}

function ListInput({ field, items, onChange, scope, path, problems, label, note }: {
  field: ListField; items: Values[]; onChange: (v: Values[]) => void; scope: string; path: string; problems: Record<string, string>; label: ReactNode; note: ReactNode;
}) {
  const entry = field.itemLabel.charAt(0).toUpperCase() + field.itemLabel.slice(1);
  const canAdd = field.maxItems === undefined || items.length < field.maxItems;
  return (
    <fieldset className={`field group ${problems[path] ? 'invalid' : ''}`}>
      <legend>{label}</legend>
      {note}
      {items.map((item, i) => (
        <div className="group-item" key={i} role="group" aria-label={`${entry} ${i + 1}`}>
          <div className="group-item-head">
            <span>{entry} {i + 1}</span>
            {items.length > field.minItems && (
              <button type="button" className="linklike btn-danger-ghost" onClick={() => onChange(items.filter((_, j) => j !== i))}>Remove</button>
            )}
          </div>
          <AnswerFields fields={field.fields} values={item} onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))}
            scope={scope} path={`${path}.${i}`} problems={problems} />
        </div>
      ))}
      {canAdd && <button type="button" className="btn btn-small add-entry" onClick={() => onChange([...items, initialValues(field.fields)])}>Add {field.itemLabel}</button>}
    </fieldset>
  );
}
