import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { FormRef, FormVersion } from '../forms';
import type { WorkOrder } from './crew-page';

/**
 * Kinds of work whose outcome is a verdict, not only readings: an acceptance test (验收) the site can
 * fail, which sends it back to construction. The readings alone do not decide: whether they meet
 * what the design asked for is the crew's judgement.
 */
const verdictKinds = new Set(['acceptance-test']);

/**
 * The close form: the form version the work order's step shows, rendered by the form-js viewer.
 * The viewer marks missing and wrong values at once; the API checks the same rules again and
 * its problems are listed too. When the step's form changed meanwhile, the API refuses the close
 * (409) and `onFormChanged` fetches the work order with its new form.
 */
export function StepForm({ workOrder, onClosed, onCancel, onFormChanged }: {
  workOrder: WorkOrder;
  onClosed: () => void;
  onCancel: () => void;
  onFormChanged: () => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const viewer = useRef<Form | null>(null);
  // What the crew typed survives a reload of the form after the step's form changed.
  const typed = useRef<Record<string, unknown>>({});
  const [version, setVersion] = useState<FormVersion | null>(null);
  const [note, setNote] = useState('');
  const needsVerdict = verdictKinds.has(workOrder.category);
  const [verdict, setVerdict] = useState<'done' | 'failed' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const ref: FormRef | undefined = workOrder.form;

  useEffect(() => {
    if (!ref) return;
    api<FormVersion>('GET', `/api/v1/forms/${encodeURIComponent(ref.id)}/versions/${ref.version}`)
      .then(setVersion, (err: Error) => setProblems([`The form could not be loaded: ${err.message}`]));
  }, [ref?.id, ref?.version]);

  useEffect(() => {
    if (!version || !container.current) return;
    // Values reach the form at once, not 300 ms later: "Close" is tapped right after typing.
    // (form-js reads `debounce` from its options; its typings do not list it.)
    const options = { container: container.current, debounce: false };
    const form = new Form(options);
    viewer.current = form;
    form.importSchema(version.schema, typed.current).catch((err: Error) => setProblems([`The form could not be shown: ${err.message}`]));
    return () => {
      viewer.current = null;
      form.destroy();
    };
  }, [version]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblems([]);
    const filled = viewer.current?.submit() ?? { data: {}, errors: {} };
    typed.current = filled.data;
    if (Object.keys(filled.errors).length) {
      setProblems(['Fill in the marked fields.']);
      return;
    }
    if (needsVerdict && !verdict) {
      setProblems(['Say whether the site passed.']);
      return;
    }
    if (verdict === 'failed' && !note.trim()) {
      setProblems(['Say in the note what failed: the builders read it.']);
      return;
    }
    setBusy(true);
    try {
      await api('PATCH', `/tmf-api/workOrderManagement/v4/workOrder/${workOrder.id}`, {
        state: 'completed', result: verdict ?? 'done', measurements: filled.data, ...(ref ? { form: ref } : {}), ...(note ? { note } : {}),
      });
      onClosed();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && /form of this step/.test(err.message)) {
        setProblems(['This form was updated while you worked: check the fields again and close.']);
        onFormChanged();
      } else if (err instanceof ApiError && err.details.length) setProblems(err.details.map((d) => (typeof d === 'string' ? d : d.message)));
      else setProblems([err instanceof Error ? err.message : 'The work order could not be closed.']);
    } finally {
      setBusy(false);
    }
  }

  // form-js renders a <form> of its own, and forms do not nest: the note and the buttons are a sibling form.
  return (
    <div className="measure">
      {ref && <div className="step-form" ref={container} data-form={`${ref.id}@${ref.version}`} />}
      <form className="measure-close" onSubmit={submit} noValidate aria-label="Close">
      {needsVerdict && (
        <fieldset className="verdict">
          <legend>Verdict</legend>
          <label className={`choice ${verdict === 'done' ? 'chosen' : ''}`}>
            <input type="radio" name="verdict" checked={verdict === 'done'} onChange={() => setVerdict('done')} /> Passed
          </label>
          <label className={`choice choice-bad ${verdict === 'failed' ? 'chosen' : ''}`}>
            <input type="radio" name="verdict" checked={verdict === 'failed'} onChange={() => setVerdict('failed')} /> Failed: rebuild
          </label>
        </fieldset>
      )}
      <label>
        <span>Note</span>
        <textarea name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={verdict === 'failed' ? 'What failed, for the builders' : 'Optional'} />
      </label>
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          The work order was not closed: {problems.join('; ')}
        </div>
      )}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button className="btn btn-primary grow" disabled={busy || (!!ref && !version)}>{busy ? 'Closing…' : 'Close work order'}</button>
      </div>
      </form>
    </div>
  );
}
