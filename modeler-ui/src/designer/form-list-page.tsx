import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { clock } from '../format';
import type { FormSummary, StepForm } from '../forms';
import { Link, navigate } from '../router';
import { DesignerNav } from './designer-nav';

/** The step forms with their versions, and which version each step shows. */
export function FormListPage() {
  const [forms, setForms] = useState<FormSummary[] | null>(null);
  const [steps, setSteps] = useState<StepForm[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<FormSummary[]>('GET', '/api/v1/forms').then(setForms, (e: Error) => setError(e.message));
    api<StepForm[]>('GET', '/api/v1/step-forms').then(setSteps, () => undefined);
  }, []);

  async function create() {
    const name = prompt('Name of the new form', 'New form');
    if (!name) return;
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 63) || 'new-form';
    try {
      await api('POST', '/api/v1/forms', { id, name, schema: { type: 'default', components: [] } });
      navigate(`/designer/forms/${encodeURIComponent(id)}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The form could not be created.');
    }
  }

  return (
    <div className="page">
      <DesignerNav />
      <div className="page-head">
        <h1>Step forms</h1>
        <button className="btn btn-primary" onClick={() => void create()}>New form</button>
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="table-wrap">
        <table className="table" aria-label="Forms">
          <thead><tr><th>Form</th><th>Id</th><th>Latest</th><th>Published</th><th>By</th><th>Shown on</th></tr></thead>
          <tbody>
            {forms?.map((f) => {
              const latest = f.versions[0];
              return (
                <tr key={f.id} data-form={f.id}>
                  <td><Link to={`/designer/forms/${encodeURIComponent(f.id)}`}><b>{f.name}</b></Link></td>
                  <td className="mono">{f.id}</td>
                  <td>{latest && <span className="chip chip-version">v{latest.version}</span>}</td>
                  <td>{latest ? clock(latest.createdAt) : ''}</td>
                  <td>{latest?.createdBy}</td>
                  <td>{f.steps.map((s) => `${s.step} (v${s.version})`).join(', ') || <span className="muted">no step</span>}</td>
                </tr>
              );
            })}
            {forms?.length === 0 && <tr><td colSpan={6} className="empty">No form yet.</td></tr>}
          </tbody>
        </table>
      </div>
      <h2 className="section-title">Steps</h2>
      <div className="table-wrap">
        <table className="table" aria-label="Steps">
          <thead><tr><th>Step</th><th>Id</th><th>Form shown</th></tr></thead>
          <tbody>
            {steps.map((s) => (
              <tr key={s.step}>
                <td>{s.name}</td>
                <td className="mono">{s.step}</td>
                <td>{s.form ? <Link to={`/designer/forms/${encodeURIComponent(s.form.id)}`}>{s.form.id} v{s.form.version}</Link> : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
