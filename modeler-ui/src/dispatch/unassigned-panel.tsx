import { useCallback, useState } from 'react';
import { api, ApiError } from '../api';
import { clock, kindLabel, since, shortId } from '../format';
import { Link } from '../router';
import { useLiveData } from './use-live';

const base = '/tmf-api/workOrderManagement/v4/workOrder';

interface OpenWorkOrder {
  id: string;
  description: string;
  skill: string;
  orderDate: string;
  priority?: 'emergency';
  place: { id: string }[];
  relatedEntity: { id: string; role: string }[];
  workOrderItem: { description: string }[];
}

interface Crew {
  id: string;
  name: string;
  area: string;
  skills: string[];
  openWorkOrders: number;
}

/** Crews that can do the work: those of its area first, then the rest, each group least loaded first. */
function candidates(crews: Crew[], wo: OpenWorkOrder): Crew[] {
  const area = wo.place[0]?.id;
  return crews.filter((c) => c.skills.includes(wo.skill)).sort((a, b) => Number(b.area === area) - Number(a.area === area) || a.openWorkOrders - b.openWorkOrders);
}

function AssignRow({ wo, crews, onAssigned }: { wo: OpenWorkOrder; crews: Crew[]; onAssigned: (msg: string) => void }) {
  const options = candidates(crews, wo);
  const [crewId, setCrewId] = useState(options[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const subject = wo.relatedEntity[0];
  const area = wo.place[0]?.id;

  async function assign() {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `${base}/${wo.id}/assign`, { crewId });
      onAssigned(`${wo.description} given to ${options.find((c) => c.id === crewId)?.name ?? crewId}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <li className={`unassigned ${wo.priority === 'emergency' ? 'unassigned-emergency' : ''}`} data-work-order={wo.id}>
      <div className="exception-top">
        <b>{wo.description}</b>
        {wo.priority === 'emergency' && <span className="chip chip-alarm">Emergency</span>}
      </div>
      {wo.workOrderItem[0]?.description && wo.workOrderItem[0].description !== wo.description && <div className="small">{wo.workOrderItem[0].description}</div>}
      <div className="muted small">
        {subject && <>{kindLabel(subject.role)} <Link to={`/dispatch/orders/${subject.id}`} className="mono">{shortId(subject.id)}</Link> · </>}
        {area ?? 'no area'} · needs {wo.skill} · <span title={clock(wo.orderDate)}>waiting {since(wo.orderDate)}</span>
      </div>
      {options.length === 0 ? (
        <div className="alert alert-error small">No crew anywhere has the skill {wo.skill}.</div>
      ) : (
        <div className="row">
          <select aria-label="Crew" value={crewId} onChange={(e) => setCrewId(e.target.value)} disabled={busy}>
            {options.map((c) => (
              <option key={c.id} value={c.id}>{c.name} · {c.area === area ? 'this area' : c.area} · {c.openWorkOrders} open</option>
            ))}
          </select>
          <button className="btn btn-small btn-primary" onClick={() => void assign()} disabled={busy || !crewId}>{busy ? 'Assigning…' : 'Assign'}</button>
        </div>
      )}
      {error && <div className="alert alert-error" role="alert">{error}</div>}
    </li>
  );
}

/**
 * Work orders no crew holds — no crew of the skill in the area, or every one gave it back — for
 * the dispatcher to give to a crew, with each candidate's load beside it.
 */
export function UnassignedPanel() {
  const load = useCallback(async () => {
    const [workOrders, crews] = await Promise.all([
      api<OpenWorkOrder[]>('GET', `${base}?crew=none&state=acknowledged&limit=50`),
      api<Crew[]>('GET', '/api/v1/crews'),
    ]);
    return { workOrders, crews };
  }, []);
  // Work orders are dispatched, returned and assigned with a trace entry each: the trace says when to read again.
  const { data, error, reload } = useLiveData(load, ['trace']);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section className="panel console-panel" aria-label="Unassigned work orders">
      <div className="panel-title">Unassigned work {data && <span className={`count ${data.workOrders.length ? 'count-bad' : ''}`}>{data.workOrders.length}</span>}</div>
      {error && <div className="alert alert-error">{error}</div>}
      {done && <div className="alert alert-success" role="status">{done}</div>}
      {data && data.workOrders.length === 0 && <div className="panel-empty">Every work order has a crew.</div>}
      <ul className="exceptions">
        {data?.workOrders.map((wo) => (
          <AssignRow key={wo.id} wo={wo} crews={data.crews} onAssigned={(msg) => {
            setDone(msg);
            void reload();
          }} />
        ))}
      </ul>
    </section>
  );
}
