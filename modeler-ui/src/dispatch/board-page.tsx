import { useCallback, useEffect, useRef, useState } from 'react';
import { boardKinds, type BoardKind, type BoardRow } from '../../../src/board/board-row';
import { api } from '../api';
import { subscribeTrace } from '../events';
import { duration, kindLabel, kindLabels, since, shortId, stateLabel } from '../format';
import { Link } from '../router';

interface BoardItem extends BoardRow {
  flow: string;
  currentStepName: string | null;
}

interface Summary {
  byKind: { kind: BoardKind; open: number; count: number }[];
  byState: { state: string; count: number }[];
  byArea: { area: string | null; count: number }[];
  byStep: { kind: BoardKind; step: string | null; name: string | null; count: number }[];
}

const pageSize = 25;
const emptyFilters = { kind: '', state: '', area: '', step: '', minAgeMinutes: '', q: '', sort: '-createdAt' };
const ages = [['60', 'Older than 1 h'], ['480', 'Older than 8 h'], ['1440', 'Older than 1 day'], ['4320', 'Older than 3 days']] as const;

/**
 * The dispatcher's board: orders, tickets, suspensions and construction orders by flow, state,
 * where they are and for how long; updates as the trace grows.
 */
export function BoardPage() {
  const [filters, setFilters] = useState(emptyFilters);
  const [offset, setOffset] = useState(0);
  const [items, setItems] = useState<BoardItem[]>([]);
  const [total, setTotal] = useState(0);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [live, setLive] = useState(false);
  const pending = useRef<number | null>(null);
  const lastLoad = useRef(0);

  const load = useCallback(async () => {
    const params = new URLSearchParams({ offset: String(offset), limit: String(pageSize), sort: filters.sort });
    for (const k of ['kind', 'state', 'area', 'step', 'minAgeMinutes', 'q'] as const) if (filters[k]) params.set(k, filters[k]);
    const ticket = ++lastLoad.current;
    let matches = 0;
    const [rows, counts] = await Promise.all([
      api<BoardItem[]>('GET', `/api/v1/board?${params}`, undefined, { total: (n: number) => (matches = n) }),
      api<Summary>('GET', `/api/v1/board/summary${filters.kind ? `?kind=${filters.kind}` : ''}`),
    ]);
    // A reload started before the filters changed can answer after the one started by the change;
    // shown last, its rows would stand for filters no longer chosen until the next trace event.
    if (ticket !== lastLoad.current) return;
    setItems(rows);
    setTotal(matches);
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
  // Another flow has other states and steps: switching flows keeps only the search and the sort.
  const setKind = (kind: string) => {
    setFilters({ ...emptyFilters, kind, q: filters.q, sort: filters.sort });
    setOffset(0);
  };
  const openOf = (kind?: BoardKind) => summary?.byKind.filter((k) => !kind || k.kind === kind).reduce((n, k) => n + k.open, 0) ?? 0;
  const allCount = summary?.byState.reduce((n, s) => n + s.count, 0) ?? 0;
  const stepLabel = (s: Summary['byStep'][number]) => `${filters.kind ? '' : `${kindLabel(s.kind)} · `}${s.name ?? s.step}`;

  return (
    <div className="page">
      <div className="page-head">
        <h1>Board</h1>
        <span className={`live ${live ? 'on' : ''}`} title={live ? 'Updates arrive as they happen' : 'Reconnecting…'}>{live ? 'Live' : 'Offline'}</span>
      </div>
      <div className="kind-tabs" role="tablist" aria-label="Flow">
        <button role="tab" aria-selected={filters.kind === ''} className={`kind-tab ${filters.kind === '' ? 'selected' : ''}`} onClick={() => setKind('')}>
          All flows <b title="open">{openOf()}</b>
        </button>
        {boardKinds.map((k) => (
          <button key={k} role="tab" aria-selected={filters.kind === k} className={`kind-tab ${filters.kind === k ? 'selected' : ''}`} onClick={() => setKind(k)}>
            {kindLabels[k]!.many} <b title="open">{openOf(k)}</b>
          </button>
        ))}
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
        <input type="search" className="search" placeholder="Search by id, requester's reference or customer" aria-label="Search"
          value={filters.q} onChange={(e) => set('q', e.target.value)} />
        <select aria-label="Step" value={filters.step} onChange={(e) => set('step', e.target.value)}>
          <option value="">Any step</option>
          {summary?.byStep.filter((s) => s.step).map((s) => <option key={`${s.kind}:${s.step}`} value={s.step!}>{stepLabel(s)} ({s.count})</option>)}
        </select>
        <select aria-label="Area" value={filters.area} onChange={(e) => set('area', e.target.value)}>
          <option value="">Any area</option>
          {summary?.byArea.filter((a) => a.area).map((a) => <option key={a.area} value={a.area!}>{a.area} ({a.count})</option>)}
        </select>
        <select aria-label="Age" value={filters.minAgeMinutes} onChange={(e) => set('minAgeMinutes', e.target.value)}>
          <option value="">Any age</option>
          {ages.map(([minutes, label]) => <option key={minutes} value={minutes}>{label}</option>)}
        </select>
        <select aria-label="Sort" value={filters.sort} onChange={(e) => set('sort', e.target.value)}>
          <option value="-createdAt">Newest first</option>
          <option value="createdAt">Oldest first</option>
          <option value="priority">Priority</option>
          <option value="stepSince">Longest at step</option>
        </select>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="Board">
          <thead>
            <tr><th>What</th><th>For</th><th>State</th><th>Current step</th><th>At step</th><th>Area</th><th>Prio</th><th>Age</th></tr>
          </thead>
          <tbody>
            {items.map((o) => (
              <tr key={o.id} data-order={o.id} data-kind={o.kind}>
                <td>
                  <span className={`kind kind-${o.kind}`}>{kindLabel(o.kind)}</span>
                  <Link to={`/dispatch/orders/${o.id}`} className="mono">{shortId(o.id)}</Link>
                  {(o.title ?? o.externalId) && <div className="muted small row-title" title={o.title ?? o.externalId ?? ''}>{o.title ?? o.externalId}</div>}
                </td>
                <td>{o.customerId ?? '—'}</td>
                <td><span className={`chip chip-${o.state}`}>{stateLabel(o.state)}</span></td>
                <td>{o.currentStepName ?? o.currentStep ?? '—'}{o.openWorkOrders > 0 && <span className="muted small"> · {o.openWorkOrders} open</span>}</td>
                <td>{since(o.stepSince)}</td>
                <td>{o.area ?? '—'}</td>
                <td>{o.priority ?? '—'}</td>
                <td>{duration(o.ageSeconds * 1000)}</td>
              </tr>
            ))}
            {items.length === 0 && <tr><td colSpan={8} className="empty">Nothing matches.</td></tr>}
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
