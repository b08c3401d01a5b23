import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { ColumnChart, DurationBars, percent, RateBar, rateClass, took } from './charts';
import { DispatchTabs } from './console-page';

interface Statistics {
  from: string;
  to: string;
  timeZone: string;
  volumes: { day: string; received: number; completed: number; endedOtherwise: number }[];
  leadTime: { p50Ms: number | null; p90Ms: number | null };
  stepDurations: { step: string; name: string | null; count: number; p50Ms: number; p90Ms: number }[];
  onTimeByStep: { step: string; name: string | null; total: number; onTime: number; late: number; onTimeRate: number | null }[];
  regions: { area: string | null; received: number; completed: number; leadP50Ms: number | null; leadP90Ms: number | null; onTime: number; late: number; onTimeRate: number | null }[];
  crews: { crewId: string; name: string; area: string; closed: number; p50Ms: number; p90Ms: number; onTime: number; late: number; onTimeRate: number | null }[];
}

const ranges = [7, 14, 30, 90];
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const stepName = (s: { step: string; name: string | null }) => s.name ?? s.step;

/** R3.9: how much work came in and got done, how long each step takes, and who keeps their limits. */
export default function StatisticsPage() {
  const [days, setDays] = useState(14);
  const [area, setArea] = useState('');
  const [areas, setAreas] = useState<string[]>([]);
  const [stats, setStats] = useState<Statistics | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The regions to choose from: those with open orders, and those with work in the period shown.
  const addAreas = (more: (string | null)[]) =>
    setAreas((known) => [...new Set([...known, ...more.filter((a): a is string => !!a)])].sort());

  const load = useCallback(async () => {
    const params = new URLSearchParams({ tz: timeZone });
    const to = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    params.set('to', to);
    params.set('from', new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10));
    if (area) params.set('area', area);
    try {
      const loaded = await api<Statistics>('GET', `/api/v1/statistics?${params}`);
      setStats(loaded);
      if (!area) addAreas(loaded.regions.map((r) => r.area));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [days, area]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api<{ byArea: { area: string | null }[] }>('GET', '/api/v1/board/summary')
      .then((s) => addAreas(s.byArea.map((a) => a.area)))
      .catch(() => undefined);
  }, []);

  const totals = stats?.volumes.reduce((t, d) => ({ received: t.received + d.received, completed: t.completed + d.completed, ended: t.ended + d.endedOtherwise }), { received: 0, completed: 0, ended: 0 });
  const whole = stats?.onTimeByStep.find((s) => s.step === 'order');

  return (
    <>
      <DispatchTabs current="statistics" />
      <div className="page stats-page">
        <div className="page-head">
          <div>
            <h1>Statistics</h1>
            {stats && <div className="muted small">{stats.from} to {stats.to} · {stats.timeZone}</div>}
          </div>
          <div className="toolbar">
            <div className="segmented segmented-inline" role="group" aria-label="Period">
              {ranges.map((d) => <button key={d} type="button" aria-pressed={days === d} onClick={() => setDays(d)}>{d} days</button>)}
            </div>
            <select aria-label="Region" value={area} onChange={(e) => setArea(e.target.value)}>
              <option value="">All regions</option>
              {areas.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </div>
        </div>
        {error && <div className="alert alert-error">{error}</div>}
        {stats && totals && (
          <>
            <div className="kpis">
              <div className="kpi"><span className="kpi-label">Orders received</span><span className="kpi-value" data-kpi="received">{totals.received}</span></div>
              <div className="kpi"><span className="kpi-label">Completed</span><span className="kpi-value" data-kpi="completed">{totals.completed}</span>
                {totals.ended > 0 && <span className="muted small">{totals.ended} rejected, failed or cancelled</span>}</div>
              <div className="kpi"><span className="kpi-label">Orders on time</span>
                <span className={`kpi-value ${rateClass(whole?.onTimeRate ?? null)}`} data-kpi="on-time">{percent(whole?.onTimeRate ?? null)}</span>
                {whole && <span className="muted small">{whole.onTime} of {whole.total} within their limit</span>}</div>
              <div className="kpi"><span className="kpi-label">Median lead time</span>
                <span className="kpi-value">{stats.leadTime.p50Ms !== null ? took(stats.leadTime.p50Ms) : '—'}</span>
                <span className="muted small">acceptance to completion{stats.leadTime.p90Ms !== null && ` · p90 ${took(stats.leadTime.p90Ms)}`}</span></div>
            </div>

            <section className="panel" aria-label="Volumes per day">
              <div className="panel-title">Volumes per day</div>
              <ColumnChart label="Orders per day" rows={stats.volumes} series={[
                { key: 'received', label: 'Received', colour: '#1d4ed8' },
                { key: 'completed', label: 'Completed', colour: '#16a34a' },
                { key: 'endedOtherwise', label: 'Rejected, failed or cancelled', colour: '#94a3b8' },
              ]} />
            </section>

            <div className="stats-grid">
              <section className="panel" aria-label="Step durations">
                <div className="panel-title">Step durations</div>
                {stats.stepDurations.length === 0 ? <div className="panel-empty">No step finished in this period.</div> : (
                  <DurationBars label="Step durations, median and 90th percentile" rows={stats.stepDurations.map((s) => ({ key: s.step, label: stepName(s), p50Ms: s.p50Ms, p90Ms: s.p90Ms, count: s.count }))} />
                )}
              </section>
              <section className="panel" aria-label="On-time rate per step">
                <div className="panel-title">On time per step</div>
                {stats.onTimeByStep.length === 0 ? <div className="panel-empty">No step with a time limit finished in this period.</div> : (
                  <table className="table table-compact">
                    <thead><tr><th>Step</th><th>On time</th><th className="num">Late</th></tr></thead>
                    <tbody>
                      {stats.onTimeByStep.map((s) => (
                        <tr key={s.step} data-step={s.step}><td>{stepName(s)}</td><td><RateBar rate={s.onTimeRate} onTime={s.onTime} total={s.total} /></td><td className="num">{s.late}</td></tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            </div>

            <div className="stats-grid">
              <section className="panel" aria-label="Per region">
                <div className="panel-title">Per region</div>
                <table className="table table-compact">
                  <thead><tr><th>Region</th><th className="num">Received</th><th className="num">Completed</th><th className="num">Lead p50 / p90</th><th>Orders on time</th></tr></thead>
                  <tbody>
                    {stats.regions.map((r) => (
                      <tr key={r.area ?? ''} data-area={r.area ?? ''}>
                        <td>{r.area ?? 'No area'}</td><td className="num">{r.received}</td><td className="num">{r.completed}</td>
                        <td className="num">{r.leadP50Ms !== null ? `${took(r.leadP50Ms)} / ${took(r.leadP90Ms ?? 0)}` : '—'}</td>
                        <td><RateBar rate={r.onTimeRate} onTime={r.onTime} total={r.onTime + r.late} /></td>
                      </tr>
                    ))}
                    {stats.regions.length === 0 && <tr><td colSpan={5} className="empty">No orders in this period.</td></tr>}
                  </tbody>
                </table>
              </section>
              <section className="panel" aria-label="Per crew">
                <div className="panel-title">Per crew</div>
                <table className="table table-compact">
                  <thead><tr><th>Crew</th><th className="num">Closed</th><th className="num">p50 / p90</th><th>Work orders on time</th></tr></thead>
                  <tbody>
                    {stats.crews.map((c) => (
                      <tr key={c.crewId} data-crew={c.crewId}>
                        <td>{c.name}<div className="muted small">{c.area}</div></td><td className="num">{c.closed}</td>
                        <td className="num">{took(c.p50Ms)} / {took(c.p90Ms)}</td>
                        <td><RateBar rate={c.onTimeRate} onTime={c.onTime} total={c.onTime + c.late} /></td>
                      </tr>
                    ))}
                    {stats.crews.length === 0 && <tr><td colSpan={4} className="empty">No work order closed in this period.</td></tr>}
                  </tbody>
                </table>
              </section>
            </div>
          </>
        )}
      </div>
    </>
  );
}
