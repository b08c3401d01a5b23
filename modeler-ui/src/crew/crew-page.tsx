import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { kindLabel, since, shortId, stateLabel } from '../format';
import type { FormRef } from '../forms';
import { useSession } from '../session';
import { StepForm } from './step-form';

const base = '/tmf-api/workOrderManagement/v4/workOrder';

export interface WorkOrder {
  id: string;
  category: string;
  description: string;
  state: 'acknowledged' | 'inProgress' | 'completed' | 'cancelled';
  orderDate: string;
  startDate?: string;
  completionDate?: string;
  place: { id: string }[];
  relatedEntity: { id: string; role: string }[];
  /** The form to fill in when closing: the one the step shows now. */
  form?: FormRef;
}

function WorkOrderCard({ wo, children }: { wo: WorkOrder; children?: ReactNode }) {
  const subject = wo.relatedEntity[0];
  return (
    <li className={`card wo wo-${wo.state}`} data-work-order={wo.id}>
      <div className="wo-top">
        <strong>{wo.description}</strong>
        <span className={`chip chip-${wo.state}`}>{stateLabel(wo.state)}</span>
      </div>
      <div className="wo-meta muted">
        {subject && <span>{kindLabel(subject.role)} {shortId(subject.id)}</span>}
        <span>{wo.place[0]?.id ?? ''}</span>
        <span>{wo.completionDate ? `closed ${since(wo.completionDate)} ago` : `dispatched ${since(wo.orderDate)} ago`}</span>
      </div>
      {children}
    </li>
  );
}

/** Giving the work back: the reason goes to dispatch, and the work order to another crew or the dispatcher. */
function ReturnForm({ wo, onReturned, onCancel }: { wo: WorkOrder; onReturned: (to: string | null) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const back = await api<{ relatedParty: { id: string }[] }>('POST', `${base}/${wo.id}/return`, { reason });
      onReturned(back.relatedParty[0]?.id ?? null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The work order could not be returned.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="measure" onSubmit={submit} aria-label="Return">
      <label>
        <span>Why can't your crew do it?</span>
        <textarea name="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. no access to the building, needs a splicing kit" required minLength={3} />
      </label>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="row">
        <button type="button" className="btn" onClick={onCancel}>Back</button>
        <button className="btn btn-danger grow" disabled={busy || reason.trim().length < 3}>{busy ? 'Returning…' : 'Return to dispatch'}</button>
      </div>
    </form>
  );
}

const rank: Record<WorkOrder['state'], number> = { inProgress: 0, acknowledged: 1, cancelled: 2, completed: 3 };

/** The crew's phone screen: its work orders, newest work first, with accept, the step's form and close, or return. */
export function CrewPage() {
  const { me } = useSession();
  const [orders, setOrders] = useState<WorkOrder[] | null>(null);
  const [open, setOpen] = useState<{ id: string; what: 'close' | 'return' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    const list = await api<WorkOrder[]>('GET', `${base}?limit=200`);
    setOrders(list.sort((a, b) => rank[a.state] - rank[b.state] || b.orderDate.localeCompare(a.orderDate)));
  }, []);

  useEffect(() => {
    void load();
    // Crews are outdoors on mobile networks: a quiet poll is sturdier than a held-open stream.
    const timer = setInterval(() => void load().catch(() => undefined), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  async function accept(wo: WorkOrder) {
    setError(null);
    setNotice(null);
    try {
      await api('PATCH', `${base}/${wo.id}`, { state: 'inProgress' });
      await load();
      setOpen({ id: wo.id, what: 'close' });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not accept the work order.');
    }
  }

  if (!orders) return <div className="page-loading">Loading your work…</div>;
  const active = orders.filter((o) => o.state === 'acknowledged' || o.state === 'inProgress');
  const rest = orders.filter((o) => !active.includes(o));

  return (
    <div className="crew">
      <div className="crew-head">
        <h1>My work orders</h1>
        <span className="muted">{me?.crewId ?? ''} · {active.length} open</span>
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      {notice && <div className="alert alert-success" role="status">{notice}</div>}
      {active.length === 0 && <div className="empty">Nothing to do right now.</div>}
      <ul className="cards" aria-label="Open work orders">
        {active.map((wo) => (
          <WorkOrderCard key={wo.id} wo={wo}>
            {open?.id !== wo.id && (
              <div className="row">
                {wo.state === 'acknowledged' && <button className="btn btn-primary grow" onClick={() => void accept(wo)}>Accept</button>}
                {wo.state === 'inProgress' && (
                  <button className="btn btn-primary grow" onClick={() => setOpen({ id: wo.id, what: 'close' })}>Record results and close</button>
                )}
                <button className="btn" onClick={() => setOpen({ id: wo.id, what: 'return' })}>Return</button>
              </div>
            )}
            {wo.state === 'inProgress' && open?.id === wo.id && open.what === 'close' && (
              <StepForm
                workOrder={wo}
                onClosed={() => {
                  setOpen(null);
                  void load();
                }}
                onCancel={() => setOpen(null)}
                onFormChanged={() => void load()}
              />
            )}
            {open?.id === wo.id && open.what === 'return' && (
              <ReturnForm
                wo={wo}
                onReturned={(to) => {
                  setOpen(null);
                  setNotice(to ? `Returned: the work order went to ${to}.` : 'Returned: the dispatcher will hand the work order to a crew.');
                  void load();
                }}
                onCancel={() => setOpen(null)}
              />
            )}
          </WorkOrderCard>
        ))}
      </ul>
      {rest.length > 0 && (
        <>
          <h2 className="section-title">Earlier</h2>
          <ul className="cards" aria-label="Earlier work orders">
            {rest.map((wo) => (
              <WorkOrderCard key={wo.id} wo={wo} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
