import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, type Problem } from '../api';
import type { FormSummary, FormVersion, StepForm } from '../forms';
import { Link } from '../router';

type Status = { kind: 'info' | 'success' | 'error'; text: string; problems?: string[] } | null;

/**
 * One step form in bpmn.io's form-js editor. Publishing makes the next immutable version; a step
 * shows a version only once a designer links it, so publishing and going live are two decisions.
 */
export default function FormEditorPage({ formId }: { formId: string }) {
  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<FormEditor | null>(null);
  const [form, setForm] = useState<FormSummary | null>(null);
  const [loaded, setLoaded] = useState<FormVersion | null>(null);
  const [steps, setSteps] = useState<StepForm[]>([]);
  const [step, setStep] = useState('');
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const [summary, stepList] = await Promise.all([
      api<FormSummary>('GET', `/api/v1/forms/${encodeURIComponent(formId)}`),
      api<StepForm[]>('GET', '/api/v1/step-forms'),
    ]);
    setForm(summary);
    setSteps(stepList);
    setStep((current) => current || summary.steps[0]?.step || stepList[0]?.step || '');
    return summary;
  }, [formId]);

  useEffect(() => {
    refresh()
      .then((summary) => api<FormVersion>('GET', `/api/v1/forms/${encodeURIComponent(formId)}/versions/${summary.versions[0]!.version}`))
      .then(setLoaded, (e: Error) => setStatus({ kind: 'error', text: e.message }));
  }, [formId, refresh]);

  useEffect(() => {
    // Property edits apply at once, not 300 ms later: a label typed just before "Publish" was lost
    // with the editor's default debounce. (form-js reads `debounce` from its options; its typings do not list it.)
    const options = { container: container.current!, debounce: false };
    const formEditor = new FormEditor(options);
    editor.current = formEditor;
    formEditor.on('commandStack.changed', () => setDirty(true));
    return () => {
      editor.current = null;
      formEditor.destroy();
    };
  }, []);

  useEffect(() => {
    if (!loaded || !editor.current) return;
    editor.current.importSchema(loaded.schema).then(
      () => setDirty(false),
      (err: Error) => setStatus({ kind: 'error', text: `The form could not be opened: ${err.message}` }),
    );
  }, [loaded]);

  async function publish() {
    setBusy(true);
    setStatus({ kind: 'info', text: 'Publishing…' });
    try {
      const published = await api<FormVersion>('POST', `/api/v1/forms/${encodeURIComponent(formId)}/versions`, { schema: editor.current!.saveSchema() });
      await refresh();
      setDirty(false);
      setStatus({ kind: 'success', text: `Published version ${published.version}. Steps show it once you link it below.` });
    } catch (err) {
      const problems = err instanceof ApiError ? err.details.map((d) => (typeof d === 'string' ? d : (d as Problem).message)) : [];
      setStatus({ kind: 'error', text: problems.length ? 'The server refused the form:' : (err as Error).message, problems });
    } finally {
      setBusy(false);
    }
  }

  async function link(version: number) {
    setBusy(true);
    try {
      await api('PUT', `/api/v1/step-forms/${encodeURIComponent(step)}`, { formId, version });
      await refresh();
      setStatus({ kind: 'success', text: `${steps.find((s) => s.step === step)?.name ?? step} now shows version ${version}. Work already closed keeps the version it was closed with.` });
    } catch (err) {
      setStatus({ kind: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const latest = form?.versions[0]?.version;
  const shown = steps.find((s) => s.step === step)?.form;

  return (
    <div className="editor">
      <div className="editor-bar">
        <div>
          <Link to="/designer/forms" className="muted small">← Forms</Link>
          <h1>
            {form?.name ?? formId}
            {latest && <span className="chip chip-version">v{latest} published</span>}
            {dirty && <span className="chip chip-draft">changed, not published</span>}
          </h1>
        </div>
        <div className="row">
          <button className="btn btn-primary" onClick={() => void publish()} disabled={busy || !loaded}>Publish version</button>
        </div>
      </div>
      <div className="editor-bar step-links">
        <label>
          <span>Step</span>
          <select aria-label="Step" value={step} onChange={(e) => setStep(e.target.value)}>
            {steps.map((s) => (
              <option key={s.step} value={s.step}>{s.name} — shows {s.form ? `${s.form.id} v${s.form.version}` : 'no form'}</option>
            ))}
          </select>
        </label>
        {latest && (
          <button className="btn" disabled={busy || !step || (shown?.id === formId && shown.version === latest)} onClick={() => void link(latest)}>
            Show v{latest} on this step
          </button>
        )}
        {shown?.id === formId && <span className="muted small" data-testid="step-shows">This step shows v{shown.version} of this form.</span>}
      </div>
      {status && (
        <div className={`alert alert-${status.kind}`} role="status" data-testid="form-status">
          {status.text}
          {status.problems && status.problems.length > 0 && <ul>{status.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
        </div>
      )}
      <div className="form-editor" ref={container} />
    </div>
  );
}
