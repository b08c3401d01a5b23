import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { AnswerFields, answerOf, initialValues, problemsByPath, type Values } from './answer-fields';
import type { PostTask } from './post-task';

/**
 * The answer to one task. The browser checks nothing itself: the server holds the rules (some
 * span fields, like a reason only when rejecting), and its refusal is shown as it gave it, with
 * each field it names marked.
 */
export function TaskForm({ task, onDone, onCancel }: { task: PostTask; onDone: () => void; onCancel: () => void }) {
  const scope = useId();
  const [values, setValues] = useState<Values>(() => initialValues(task.fields));
  const [refusal, setRefusal] = useState<{ message: string; problems: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      await api('POST', `/api/v1/tasks/${task.id}/complete`, { data: answerOf(task.fields, values) });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setRefusal({ message: err.message, problems: problemsByPath(err.details) });
      else setRefusal({ message: 'The answer could not be sent; try again.', problems: {} });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="measure task-form" onSubmit={submit} noValidate aria-label={task.name}>
      <AnswerFields fields={task.fields} values={values} onChange={setValues} scope={scope} problems={refusal?.problems ?? {}} />
      {refusal && <div className="alert alert-error" role="alert">Not sent: {refusal.message}</div>}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button className="btn btn-primary grow" disabled={busy}>{busy ? 'Sending…' : 'Complete task'}</button>
      </div>
    </form>
  );
}
