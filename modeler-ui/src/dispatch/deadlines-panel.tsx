import { useCallback, useState } from 'react';
import { api } from '../api';
import { duration, shortId } from '../format';
import { Link } from '../router';
import { postLabel, useStepLabel } from './console-format';
import { useLiveData, useNow } from './use-live';

interface Deadline {
  id: string;
  flow: string;
  subjectId: string;
  step: string;
  post: string;
  area: string | null;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  remainingSeconds: number;
  level: 'none' | 'pre-alarm' | 'alarm' | 'escalated';
  state: 'running' | 'paused';
}

interface Loaded {
  items: Deadline[];
  total: number;
  areas: string[];
  /** Server time minus browser time, so every countdown runs on the server's clock. */
  skewMs: number;
}

type Colour = 'ok' | 'warn' | 'late' | 'paused';

/**
 * Green until the pre-alarm point, amber after it, red past the limit. The time decides, not only
 * the recorded level: the board turns on the second, while the alarm itself follows when the
 * clock's timer fires.
 */
function colourOf(d: Deadline, leftMs: number): Colour {
  if (d.level === 'alarm' || d.level === 'escalated' || leftMs <= 0) return 'late';
  if (d.level === 'pre-alarm' || leftMs <= new Date(d.dueAt).getTime() - new Date(d.warnAt).getTime()) return 'warn';
  return d.state === 'paused' ? 'paused' : 'ok';
}

const limit = 50;

/** Running deadlines by time left, each counting down live (R3.5). */
export function DeadlinesPanel({ orderId }: { orderId?: string }) {
  const now = useNow();
  const stepLabel = useStepLabel();
  const [area, setArea] = useState('');
  const load = useCallback(async (): Promise<Loaded> => {
    let total = 0;
    const asked = Date.now();
    const scope = orderId ? `&subjectId=${orderId}` : area ? `&area=${encodeURIComponent(area)}` : '';
    const [items, summary] = await Promise.all([
      api<Deadline[]>('GET', `/api/v1/deadlines?limit=${limit}${scope}`, undefined, { total: (n) => { total = n; } }),
      orderId ? null : api<{ byArea: { area: string | null }[] }>('GET', '/api/v1/board/summary'),
    ]);
    const answered = Date.now();
    const first = items.find((d) => d.state === 'running');
    const skewMs = first ? new Date(first.dueAt).getTime() - first.remainingSeconds * 1000 - (asked + answered) / 2 : 0;
    const areas = (summary?.byArea ?? []).map((a) => a.area).filter((a): a is string => !!a);
    return { items, total, skewMs, areas };
  }, [orderId, area]);
  const { data, error } = useLiveData(load, ['deadline', 'alarm'], orderId);

  const serverNow = now + (data?.skewMs ?? 0);
  const rows = (data?.items ?? []).map((d) => {
    const leftMs = d.state === 'paused' ? d.remainingSeconds * 1000 : new Date(d.dueAt).getTime() - serverNow;
    const spanMs = Math.max(1, new Date(d.dueAt).getTime() - new Date(d.startedAt).getTime());
    return { d, leftMs, colour: colourOf(d, leftMs), usedPct: Math.min(100, Math.max(0, 100 - (leftMs / spanMs) * 100)),
      warnPct: Math.min(100, ((new Date(d.warnAt).getTime() - new Date(d.startedAt).getTime()) / spanMs) * 100) };
  }).sort((a, b) => a.leftMs - b.leftMs);

  if (orderId && data?.items.length === 0) return null;
  return (
    <section className="panel console-panel" aria-label="Running deadlines">
      <div className="panel-title">
        Running deadlines {data && <span className="count">{data.total}</span>}
        {data && data.total > data.items.length && <span className="muted small"> · soonest {data.items.length}</span>}
        {!orderId && (
          <select className="panel-filter" aria-label="Deadlines area" value={area} onChange={(e) => setArea(e.target.value)}>
            <option value="">All areas</option>
            {[...new Set([...(data?.areas ?? []), ...(area ? [area] : [])])].map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        )}
      </div>
      {error && <div className="alert alert-error">{error}</div>}
      {data && rows.length === 0 && <div className="panel-empty">No step is on the clock{area ? ` in ${area}` : ''}.</div>}
      <ul className="deadlines">
        {rows.map(({ d, leftMs, colour, usedPct, warnPct }) => (
          <li key={d.id} className={`deadline deadline-${colour}`} data-deadline={d.id} data-colour={colour}>
            <div className="deadline-top">
              <span className="deadline-step">{stepLabel(d.step)}</span>
              <span className="countdown" aria-label="Time left">
                {d.state === 'paused' ? `paused · ${duration(leftMs)} left` : leftMs > 0 ? `${duration(leftMs)} left` : `${duration(-leftMs)} over`}
              </span>
            </div>
            <div className="meter" aria-hidden>
              <i className="meter-fill" style={{ width: `${usedPct}%` }} />
              <i className="meter-warn" style={{ left: `${warnPct}%` }} />
            </div>
            <div className="muted small">
              {d.flow === 'order-fulfillment' && !orderId ? <Link to={`/dispatch/orders/${d.subjectId}`} className="mono">{shortId(d.subjectId)}</Link> : <span className="mono">{shortId(d.subjectId)}</span>}
              {d.area && ` · ${d.area}`} · {postLabel(d.post)}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
