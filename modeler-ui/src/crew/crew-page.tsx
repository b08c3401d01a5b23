import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { since, shortId, stateLabel } from '../format';
import { useSession } from '../session';
import { MeasurementForm, type WorkOrderKind } from './measurement-form';

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
}

function WorkOrderCard({ wo, children }: { wo: WorkOrder; children?: ReactNode }) {
  const order = wo.relatedEntity.find((e) => e.role === 'productOrder')?.id ?? '';
  return (
    <li className={`card wo wo-${wo.state}`} data-work-order={wo.id}>
      <div className="wo-top">
        <strong>{wo.description}</strong>
        <span className={`chip chip-${wo.state}`}>{stateLabel(wo.state)}</span>
      </div>
      <div className="wo-meta muted">
        <span>Order {shortId(order)}</span>
        <span>{wo.place[0]?.id ?? ''}</span>
        <span>{wo.completionDate ? `closed ${since(wo.completionDate)} ago` : `dispatched ${since(wo.orderDate)} ago`}</span>
      </div>
      {children}
    </li>
  );
}

const rank: Record<WorkOrder['state'], number> = { inProgress: 0, acknowledged: 1, cancelled: 2, completed: 3 };

/** The crew's phone screen: its work orders, newest work first, with accept, measure and close. */
export function CrewPage() {
  const { me } = useSession();
  const [orders, setOrders] = useState<WorkOrder[] | null>(null);
  const [kinds, setKinds] = useState<Map<string, WorkOrderKind>>(new Map());
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const list = await api<WorkOrder[]>('GET', `${base}?limit=200`);
    setOrders(list.sort((a, b) => rank[a.state] - rank[b.state] || b.orderDate.localeCompare(a.orderDate)));
  }, []);

  useEffect(() => {
    void load();
    api<WorkOrderKind[]>('GET', '/api/v1/work-order-kinds').then((k) => setKinds(new Map(k.map((x) => [x.kind, x]))), () => undefined);
    // Crews are outdoors on mobile networks: a quiet poll is sturdier than a held-open stream.
    const timer = setInterval(() => void load().catch(() => undefined), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  async function accept(wo: WorkOrder) {
    setError(null);
    try {
      await api('PATCH', `${base}/${wo.id}`, { state: 'inProgress' });
      await load();
      setOpen(wo.id);
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
      {active.length === 0 && <div className="empty">Nothing to do right now.</div>}
      <ul className="cards" aria-label="Open work orders">
        {active.map((wo) => (
          <WorkOrderCard key={wo.id} wo={wo}>
            {wo.state === 'acknowledged' && <button className="btn btn-primary btn-block" onClick={() => void accept(wo)}>Accept</button>}
            {wo.state === 'inProgress' && open !== wo.id && (
              <button className="btn btn-primary btn-block" onClick={() => setOpen(wo.id)}>Record measurements and close</button>
            )}
            {wo.state === 'inProgress' && open === wo.id && (
              <MeasurementForm
                workOrder={wo}
                kind={kinds.get(wo.category)}
                onClosed={() => {
                  setOpen(null);
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
