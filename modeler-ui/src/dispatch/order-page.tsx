import NavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-navigated-viewer.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { subscribeTrace } from '../events';
import { clock, duration, kindLabel, shortId, stateLabel } from '../format';
import { Link } from '../router';
import { took } from './charts';
import { useStepLabel } from './console-format';
import { AlarmsPanel } from './alarms-panel';
import { CancelConstruction } from './cancel-construction';
import { DeadlinesPanel } from './deadlines-panel';
import { ExceptionsPanel } from './exceptions-panel';

interface Progress {
  orderId: string;
  state: string;
  processId: string;
  version: number;
  xml: string;
  active: { elementId: string; step: string; since: string }[];
  passed: { elementId: string; count: number; totalMs: number; timing: Timing | null; limitMs: number | null }[];
}

type Timing = 'within' | 'near' | 'over';
const timingWords: Record<Timing, string> = { within: 'within its limit', near: 'past its pre-alarm point', over: 'over its limit' };
const markers = ['step-active', 'step-passed', 'step-within', 'step-near', 'step-over'];

/** The badge under a passed step: how long it took, against its limit when it ran once. */
function badge(p: Progress['passed'][number]): string {
  const limit = p.count === 1 && p.limitMs !== null ? ` / ${duration(p.limitMs)}` : '';
  const title = `${p.count} run(s), ${took(p.totalMs)} in all${p.timing ? `; ${p.count > 1 ? 'worst run ' : ''}${timingWords[p.timing]}` : '; no time limit'}`;
  return `<span class="step-badge step-badge-${p.timing ?? 'none'}" title="${title}">${p.count > 1 ? `${p.count}× · ` : ''}${took(p.totalMs)}${limit}</span>`;
}

interface TraceEntry {
  kind: string;
  step: string | null;
  actor: string;
  outcome: string | null;
  leftAt: string;
  durationMs: number | null;
  details: Record<string, unknown> | null;
}

interface Trace {
  kind: string;
  title: string | null;
  state: string;
  stateReason: string | null;
  current: { step: string; workOrderId: string; state: string; crewId: string | null; since: string }[];
  events: TraceEntry[];
}

function describe(e: TraceEntry, subject: string, stepName: (step: string) => string): string {
  if (e.kind === 'state') return `${subject} ${stateLabel(e.outcome ?? '').toLowerCase()}`;
  if (e.kind === 'action') return e.outcome ?? 'Action';
  return e.step ? stepName(e.step) : 'Step';
}

/** Job type → the task's name in the diagram (`order.design` → "Design network resources"). */
function taskNames(registry: { getAll(): { businessObject?: unknown }[] }): Map<string, string> {
  const names = new Map<string, string>();
  for (const el of registry.getAll()) {
    const bo = el.businessObject as { name?: string; extensionElements?: { values?: { $type: string; type?: string }[] } } | undefined;
    const type = bo?.extensionElements?.values?.find((v) => v.$type === 'zeebe:TaskDefinition')?.type;
    if (type && bo?.name && !names.has(type)) names.set(type, bo.name);
  }
  return names;
}

/** One order (or ticket, suspension, construction order): its diagram with where it is now and what it passed, and its trace as a timeline. */
export default function OrderPage({ orderId }: { orderId: string }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [trace, setTrace] = useState<Trace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewerRef = useRef<NavigatedViewer | null>(null);
  const shownXml = useRef<string | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const label = useStepLabel();
  const stepName = (step: string) => names.get(step) ?? label(step);

  const load = useCallback(async () => {
    try {
      const [p, t] = await Promise.all([
        api<Progress>('GET', `/api/v1/orders/${orderId}/progress`),
        api<Trace>('GET', `/api/v1/orders/${orderId}/trace`),
      ]);
      setProgress(p);
      setTrace(t);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [orderId]);

  useEffect(() => {
    void load();
    return subscribeTrace(() => void load(), () => undefined, orderId);
  }, [load, orderId]);

  useEffect(() => {
    viewerRef.current = new NavigatedViewer({ container: canvasRef.current! });
    return () => viewerRef.current?.destroy();
  }, []);

  useEffect(() => {
    const viewer = viewerRef.current;
    if (!viewer || !progress) return;
    void (async () => {
      if (shownXml.current !== progress.xml) {
        await viewer.importXML(progress.xml);
        shownXml.current = progress.xml;
        setNames(taskNames(viewer.get('elementRegistry') as Parameters<typeof taskNames>[0]));
        (viewer.get('canvas') as { zoom(m: string): void }).zoom('fit-viewport');
      }
      const canvas = viewer.get('canvas') as { addMarker(id: string, c: string): void; removeMarker(id: string, c: string): void };
      const registry = viewer.get('elementRegistry') as { getAll(): { id: string; businessObject?: unknown }[]; get(id: string): unknown };
      const overlays = viewer.get('overlays') as { remove(f: { type: string }): void; add(id: string, type: string, o: { position: object; html: string }): void };
      overlays.remove({ type: 'step-stats' });
      for (const el of registry.getAll()) for (const m of markers) canvas.removeMarker(el.id, m);
      for (const p of progress.passed) {
        if (!registry.get(p.elementId)) continue;
        canvas.addMarker(p.elementId, 'step-passed');
        if (p.timing) canvas.addMarker(p.elementId, `step-${p.timing}`);
        overlays.add(p.elementId, 'step-stats', { position: { bottom: -4, right: 8 }, html: badge(p) });
      }
      for (const a of progress.active) if (registry.get(a.elementId)) canvas.addMarker(a.elementId, 'step-active');
    })();
  }, [progress]);

  return (
    <div className="page order-page">
      <div className="page-head">
        <div>
          <Link to="/dispatch" className="muted small">← Board</Link>
          <h1>{trace ? kindLabel(trace.kind) : ''} <span className="mono">{shortId(orderId)}</span> {trace && <span className={`chip chip-${trace.state}`}>{stateLabel(trace.state)}</span>}</h1>
          {trace?.title && <div className="subject-title">{trace.title}</div>}
          {progress && <div className="muted small">{progress.processId} · version {progress.version}{trace?.stateReason ? ` · ${trace.stateReason}` : ''}</div>}
        </div>
        {trace?.kind === 'constructionOrder' && <CancelConstruction orderId={orderId} state={trace.state} onDone={() => void load()} />}
      </div>
      {error && <div className="alert alert-error">{error}</div>}
      <div className="order-grid">
        <section className="panel diagram-panel" aria-label="Diagram">
          <div className="panel-title">Where it is</div>
          <div className="diagram" ref={canvasRef} />
          <div className="legend">
            <span><i className="swatch swatch-active" /> Now</span>
            <span><i className="swatch swatch-within" /> Done within its limit</span>
            <span><i className="swatch swatch-near" /> Past its pre-alarm</span>
            <span><i className="swatch swatch-over" /> Over its limit</span>
            <span><i className="swatch swatch-passed" /> Done, no limit</span>
          </div>
        </section>
        <aside className="side">
          {trace && trace.current.length > 0 && (
            <section className="panel" aria-label="Open work orders">
              <div className="panel-title">Waiting on</div>
              <ul className="plain">
                {trace.current.map((c) => (
                  <li key={c.workOrderId}><b>{stepName(c.step)}</b> · {c.crewId ?? 'no crew'} · {stateLabel(c.state)} for {duration(Date.now() - new Date(c.since).getTime())}</li>
                ))}
              </ul>
            </section>
          )}
          <AlarmsPanel orderId={orderId} />
          <DeadlinesPanel orderId={orderId} />
          <ExceptionsPanel orderId={orderId} />
          <section className="panel" aria-label="Trace">
            <div className="panel-title">Trace</div>
            <ol className="timeline">
              {trace?.events.slice().reverse().map((e, i) => (
                <li key={i} className={`tl tl-${e.kind}`}>
                  <div className="tl-what">{describe(e, trace ? kindLabel(trace.kind) : 'Order', stepName)}{e.durationMs !== null && <span className="muted small"> · {duration(e.durationMs)}</span>}</div>
                  <div className="muted small">{clock(e.leftAt)} · {e.actor.startsWith('worker:') ? 'worker' : e.actor}{e.kind === 'step' && e.step && <> · <span className="mono">{e.step}</span></>}</div>
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
