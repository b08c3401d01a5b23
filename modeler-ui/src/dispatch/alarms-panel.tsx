import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { since, shortId } from '../format';
import { Link } from '../router';
import { postLabel, useStepLabel } from './console-format';
import { useLiveData } from './use-live';

interface Alarm {
  id: string;
  flow: string;
  subjectId: string;
  step: string;
  post: string;
  level: 'pre-alarm' | 'alarm';
  state: 'raised' | 'acknowledged' | 'cleared';
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedTo: string | null;
}

interface Loaded {
  open: Alarm[];
  openTotal: number;
  acknowledged: Alarm[];
}

/** Alarms waiting for someone, newest first, and the last few someone took on (R3.5). */
export function AlarmsPanel({ orderId }: { orderId?: string }) {
  const stepLabel = useStepLabel();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());

  const load = useCallback(async (): Promise<Loaded> => {
    const scope = orderId ? `&subjectId=${orderId}` : '';
    let openTotal = 0;
    const [open, acknowledged] = await Promise.all([
      api<Alarm[]>('GET', `/api/v1/alarms?state=raised&limit=50${scope}`, undefined, { total: (n) => { openTotal = n; } }),
      api<Alarm[]>('GET', `/api/v1/alarms?state=acknowledged&limit=5${scope}`),
    ]);
    return { open, openTotal, acknowledged };
  }, [orderId]);
  const { data, error, reload } = useLiveData(load, ['alarm'], orderId);

  // Alarms that arrive while the page is open flash once; those there on opening do not.
  useEffect(() => {
    if (!data) return;
    const ids = data.open.map((a) => a.id);
    if (seen.current) setFresh(new Set(ids.filter((id) => !seen.current!.has(id))));
    seen.current = new Set([...(seen.current ?? []), ...ids]);
  }, [data]);

  async function acknowledge(a: Alarm) {
    setBusy(a.id);
    setFailure(null);
    try {
      await api('POST', `/api/v1/alarms/${a.id}/acknowledge`);
      await reload();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  }

  const orderLink = (a: Alarm) => (a.flow === 'order-fulfillment' && !orderId
    ? <Link to={`/dispatch/orders/${a.subjectId}`} className="mono">{shortId(a.subjectId)}</Link>
    : <span className="mono">{shortId(a.subjectId)}</span>);

  // On an order's page a quiet panel is left out; on the console it says that all is well.
  if (orderId && data && data.open.length === 0 && data.acknowledged.length === 0) return null;
  return (
    <section className="panel console-panel" aria-label="Alarms">
      <div className="panel-title">Alarms {data && <span className={`count ${data.openTotal ? 'count-bad' : ''}`}>{data.openTotal}</span>}</div>
      {(error || failure) && <div className="alert alert-error" role="alert">{failure ?? error}</div>}
      {data && data.open.length === 0 && <div className="panel-empty">Nothing needs attention.</div>}
      <ul className="alarms">
        {data?.open.map((a) => (
          <li key={a.id} className={`alarm alarm-${a.level} ${fresh.has(a.id) ? 'alarm-new' : ''}`} data-alarm={a.id}>
            <div className="alarm-body">
              <div className="alarm-top">
                <span className={`chip chip-${a.level}`}>{a.escalatedTo ? `Escalated · ${postLabel(a.escalatedTo)}` : a.level === 'alarm' ? 'Alarm' : 'Pre-alarm'}</span>
                <span className="muted small">{since(a.raisedAt)} ago</span>
              </div>
              <b>{stepLabel(a.step)}</b>
              <div className="muted small">{orderLink(a)} · {postLabel(a.post)}</div>
            </div>
            <button className="btn btn-small" disabled={busy === a.id} onClick={() => void acknowledge(a)}>
              {busy === a.id ? 'Saving…' : 'Acknowledge'}
            </button>
          </li>
        ))}
      </ul>
      {data && data.acknowledged.length > 0 && (
        <>
          <div className="subhead">Acknowledged</div>
          <ul className="alarms alarms-done">
            {data.acknowledged.map((a) => (
              <li key={a.id} className="alarm alarm-acknowledged" data-alarm={a.id}>
                <div className="alarm-body">
                  <div className="alarm-top"><span className="chip">{a.level === 'alarm' ? 'Alarm' : 'Pre-alarm'}</span> {stepLabel(a.step)}</div>
                  <div className="muted small">{orderLink(a)} · by {a.acknowledgedBy} · {since(a.acknowledgedAt)} ago</div>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
