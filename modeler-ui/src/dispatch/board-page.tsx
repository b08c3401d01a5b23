import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardRow } from '../../../src/board/board-row';
import { api } from '../api';
import { subscribeTrace } from '../events';
import { duration, since, shortId, stateLabel } from '../format';
import { Link } from '../router';

interface BoardItem extends BoardRow {
  currentStepName: string | null;
}

interface Summary {
  byState: { state: string; count: number }[];
  byArea: { area: string | null; count: number }[];
  byStep: { step: string | null; name: string | null; count: number }[];
}

const pageSize = 25;

/** The dispatcher's board: every order by state, where it is and for how long; updates as the trace grows. */
export function BoardPage() {
  const [filters, setFilters] = useState({ state: '', area: '', step: '', q: '', sort: '-createdAt' });
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<BoardItem[]>([]);
  const [total, setTotal] = useState(0);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [live, setLive] = useState(false);
  const pending = useRef<number | null>(null);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ offset: String(offset), limit: String(pageSize), sort: filters.sort });
    for (const k of ['state', 'area', 'step', 'q'] as const) if (filters[k]) params.set(k, filters[k]);
    const [rows, counts] = await Promise.all([
      api<BoardItem[]>('GET', `/api/v1/board?${params}`, undefined, { total: setTotal }),
      api<Summary>('GET', '/api/v1/board/summary'),
    ]);
    setItems(rows);
    setSummary(counts);
  }, [filters, offset]);

  useEffect(() => {
    void load();
  }, [load]);

  // Many trace entries arrive in bursts (a whole order's steps in a second): one reload per burst.
  useEffect(() => subscribeTrace(() => {
    if (pending.current) return;
    pending.current = window.setTimeout(() => {
      pending.current = null;
      void load();
    }, 400);
  }, setLive), [load]);

  const set = (k: keyof typeof filters, v: string) => {
    setFilters({ ...filters, [k]: v });
    setOffset(0);
  };
  const allCount = summary?.byState.reduce((n, s) => n + s.count, 0) ?? 0;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Orders</h1>
        <span className={`live ${live ? 'on' : ''}`} title={live ? 'Updates arrive as they happen' : 'Reconnecting…'}>{live ? 'Live' : 'Offline'}</span>
      </div>
      <div className="chips" role="group" aria-label="State">
        <button className={`chip-filter ${filters.state === '' ? 'selected' : ''}`} onClick={() => set('state', '')}>All <b>{allCount}</b></button>
        {summary?.byState.map((s) => (
          <button key={s.state} className={`chip-filter ${filters.state === s.state ? 'selected' : ''}`} onClick={() => set('state', s.state)}>
            {stateLabel(s.state)} <b>{s.count}</b>
          </button>
        ))}
      </div>
      <div className="toolbar">
        <input type="search" className="search" placeholder="Search by order id, CRM id or customer" aria-label="Search"
          value={filters.q} onChange={(e) => set('q', e.target.value)} />
        <select aria-label="Step" value={filters.step} onChange={(e) => set('step', e.target.value)}>
          <option value="">Any step</option>
          {summary?.byStep.filter((s) => s.step).map((s) => <option key={s.step} value={s.step!}>{s.name ?? s.step} ({s.count})</option>)}
        </select>
        <select aria-label="Area" value={filters.area} onChange={(e) => set('area', e.target.value)}>
          <option value="">Any area</option>
          {summary?.byArea.filter((a) => a.area).map((a) => <option key={a.area} value={a.area!}>{a.area} ({a.count})</option>)}
        </select>
        <select aria-label="Sort" value={filters.sort} onChange={(e) => set('sort', e.target.value)}>
          <option value="-createdAt">Newest first</option>
          <option value="createdAt">Oldest first</option>
          <option value="priority">Priority</option>
          <option value="stepSince">Longest at step</option>
        </select>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="Orders">
          <thead>
            <tr><th>Order</th><th>Customer</th><th>State</th><th>Current step</th><th>At step</th><th>Area</th><th>Prio</th><th>Age</th></tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id} data-order={o.id}>
                <td><Link to={`/dispatch/orders/${o.id}`} className="mono">{shortId(o.id)}</Link>{o.externalId && <div className="muted small">{o.externalId}</div>}</td>
                <td>{o.customerId}</td>
                <td><span className={`chip chip-${o.state}`}>{stateLabel(o.state)}</span></td>
                <td>{o.currentStepName ?? o.currentStep ?? '—'}{o.openWorkOrders > 0 && <span className="muted small"> · {o.openWorkOrders} open</span>}</td>
                <td>{since(o.stepSince)}</td>
                <td>{o.area ?? '—'}</td>
                <td>{o.priority}</td>
                <td>{duration(o.ageSeconds * 1000)}</td>
              </tr>
            ))}
            {items.length === 0 && <tr><td colSpan={8} className="empty">No orders match.</td></tr>}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span className="muted">{total ? `${offset + 1}–${offset + items.length} of ${total}` : ''}</span>
        <button className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>Previous</button>
        <button className="btn btn-small" disabled={offset + pageSize >= total} onClick={() => setOffset(offset + pageSize)}>Next</button>
      </div>
    </div>
  );
}
