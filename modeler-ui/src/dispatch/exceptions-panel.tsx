import { useCallback, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { clock, kindLabel, since, shortId } from '../format';
import { Link } from '../router';
import { elementLabel } from './console-format';
import { useLiveData } from './use-live';

interface ExceptionEntry {
  incidentKey: string;
  bpmnProcessId: string | null;
  elementId: string | null;
  errorType: string;
  errorMessage: string | null;
  createdAt: string | null;
  orderId: string | null;
  ticketId: string | null;
  constructionOrderId: string | null;
  suspensionId: string | null;
}

/** The business record behind the failed flow, whichever kind it is. */
function subjectOf(e: ExceptionEntry): { kind: string; id: string } | null {
  if (e.orderId) return { kind: 'productOrder', id: e.orderId };
  if (e.ticketId) return { kind: 'troubleTicket', id: e.ticketId };
  if (e.constructionOrderId) return { kind: 'constructionOrder', id: e.constructionOrderId };
  if (e.suspensionId) return { kind: 'suspension', id: e.suspensionId };
  return null;
}

type Action = 'retry' | 'skip' | 'abort';

const actionCopy: Record<Action, { verb: string; done: string; reason: string; hint: string }> = {
  retry: { verb: 'Retry', done: 'Retried', reason: 'Note (optional)', hint: 'The step runs again with fresh retries. Fix the data behind the failure first.' },
  skip: { verb: 'Skip', done: 'Skipped', reason: 'Reason', hint: 'The step was done outside the system: the flow goes on after it, with the values you give in place of its output.' },
  abort: { verb: 'Abort order', done: 'Aborted', reason: 'Reason', hint: 'The order ends failed: its flow is cancelled, its reservations released and its work orders cancelled.' },
};

/** A variable's value as typed: true/false and numbers are read as such, anything else is text. */
function valueOf(text: string): unknown {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return text;
}

function ActionForm({ entry, action, onDone, onCancel }: { entry: ExceptionEntry; action: Action; onDone: (msg: string) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [vars, setVars] = useState<{ name: string; value: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const copy = actionCopy[action];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const variables = Object.fromEntries(vars.filter((v) => v.name.trim()).map((v) => [v.name.trim(), valueOf(v.value)]));
    const body = action === 'retry' ? (reason.trim() ? { note: reason.trim() } : {})
      : action === 'skip' ? { reason: reason.trim(), ...(Object.keys(variables).length ? { variables } : {}) }
      : { reason: reason.trim() };
    try {
      await api('POST', `/api/v1/exceptions/${entry.incidentKey}/${action}`, body);
      const subject = subjectOf(entry);
      onDone(`${copy.done}: ${elementLabel(entry.elementId)}${subject ? ` of ${kindLabel(subject.kind).toLowerCase()} ${shortId(subject.id)}` : ''}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className="exception-form" onSubmit={submit} aria-label={`${copy.verb} ${elementLabel(entry.elementId)}`}>
      <p className="muted small">{copy.hint}</p>
      <label>{copy.reason}
        <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required={action !== 'retry'} maxLength={2000} />
      </label>
      {action === 'skip' && (
        <fieldset className="vars">
          <legend>Variables for the rest of the flow</legend>
          {vars.map((v, i) => (
            <div className="var-row" key={i}>
              <input aria-label="Variable name" placeholder="name" value={v.name} onChange={(e) => setVars(vars.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <input aria-label="Variable value" placeholder="value" value={v.value} onChange={(e) => setVars(vars.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
              <button type="button" className="btn btn-small btn-ghost" aria-label="Remove variable" onClick={() => setVars(vars.filter((_, j) => j !== i))}>×</button>
            </div>
          ))}
          <button type="button" className="linklike small" onClick={() => setVars([...vars, { name: '', value: '' }])}>+ Add variable</button>
        </fieldset>
      )}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="row">
        <button className={`btn btn-small ${action === 'abort' ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>{busy ? 'Working…' : copy.verb}</button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onCancel} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}

function SubjectRef({ subject, linked }: { subject: { kind: string; id: string }; linked: boolean }) {
  return <>{kindLabel(subject.kind)} {linked ? <Link to={`/dispatch/orders/${subject.id}`} className="mono">{shortId(subject.id)}</Link> : <span className="mono">{shortId(subject.id)}</span>}</>;
}

/** Steps that ran out of retries or met an outcome nobody modelled, for a person to decide (R3.2). */
export function ExceptionsPanel({ orderId }: { orderId?: string }) {
  const load = useCallback(() => api<ExceptionEntry[]>('GET', `/api/v1/exceptions${orderId ? `?orderId=${orderId}` : ''}`), [orderId]);
  // Incidents are not tied to an order when they arrive, so an order's panel listens to the whole stream's exceptions.
  const { data, error, reload } = useLiveData(load, ['exception']);
  const [open, setOpen] = useState<{ key: string; action: Action } | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (orderId && data?.length === 0 && !done) return null;
  const subjects = new Map((data ?? []).map((e) => [e.incidentKey, subjectOf(e)]));
  return (
    <section className="panel console-panel" aria-label="Exception queue">
      <div className="panel-title">Exception queue {data && <span className={`count ${data.length ? 'count-bad' : ''}`}>{data.length}</span>}</div>
      {error && <div className="alert alert-error">{error}</div>}
      {done && <div className="alert alert-success" role="status">{done}</div>}
      {data && data.length === 0 && <div className="panel-empty">No failed steps.</div>}
      <ul className="exceptions">
        {data?.map((e) => (
          <li key={e.incidentKey} className="exception" data-exception={e.incidentKey}>
            <div className="exception-top">
              <b>{elementLabel(e.elementId)}</b>
              <span className="chip chip-failed">{e.errorType === 'JOB_NO_RETRIES' ? 'Out of retries' : e.errorType.toLowerCase().replace(/_/g, ' ')}</span>
            </div>
            {e.errorMessage && <div className="exception-msg" title={e.errorMessage}>{e.errorMessage}</div>}
            <div className="muted small">
              {subjects.get(e.incidentKey) ? <SubjectRef subject={subjects.get(e.incidentKey)!} linked={!orderId} /> : e.bpmnProcessId}
              {e.createdAt && <span title={clock(e.createdAt)}> · {since(e.createdAt)} ago</span>}
            </div>
            {open?.key === e.incidentKey ? (
              <ActionForm entry={e} action={open.action} onCancel={() => setOpen(null)} onDone={(msg) => {
                setOpen(null);
                setDone(msg);
                void reload();
              }} />
            ) : (
              <div className="row">
                {(['retry', 'skip', 'abort'] as const).map((a) => (
                  <button key={a} className={`btn btn-small ${a === 'abort' ? 'btn-danger-ghost' : ''}`} onClick={() => { setDone(null); setOpen({ key: e.incidentKey, action: a }); }}>
                    {actionCopy[a].verb}…
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
