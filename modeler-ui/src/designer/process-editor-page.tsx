import { Linter, type LintReport } from '@camunda/linting';
import lintingModule from '@camunda/linting/modeler';
import '@camunda/linting/assets/linting.css';
import CloudModeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import modelerModdle from 'modeler-moddle/resources/modeler.json';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError, type Problem } from '../api';
import { Link } from '../router';
import { drafts } from './drafts';
import { projectLintPlugin } from './project-lint-rules';

interface Loaded {
  xml: string;
  version: number | null;
  name: string | null;
}

interface ViewBox { x: number; y: number; width: number; height: number; scale: number }
interface FitCanvas { zoom(m: string): void; viewbox(): ViewBox; viewbox(v: Omit<ViewBox, 'scale'>): void }

/** Fits the diagram, then widens the view on the left so the tool palette does not cover the first elements. */
function fitBesidePalette(canvas: FitCanvas): void {
  canvas.zoom('fit-viewport');
  const vb = canvas.viewbox();
  const pad = 140 / vb.scale;
  canvas.viewbox({ x: vb.x - pad, y: vb.y, width: vb.width + pad, height: vb.height });
}

type Status = { kind: 'info' | 'success' | 'error'; text: string; problems?: Problem[] } | null;

/** Camunda 8.6 is what the service's broker runs; the linter picks its rules from these attributes. */
const executionPlatform = { platform: 'Camunda Cloud', version: '8.6.0' };

/**
 * One flow in Camunda's own web modeler (with its Zeebe properties panel), linted live with the
 * camunda-compat rules, problems marked on the elements; deploy sends it to the server, which
 * lints again and refuses it if errors remain.
 */
export default function ProcessEditorPage({ processId }: { processId: string }) {
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<CloudModeler | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // null until the linter has looked at the diagram: "No problems" must mean it looked.
  const [reports, setReports] = useState<LintReport[] | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const draft = drafts.get(processId);
    if (draft) setLoaded({ xml: draft, version: null, name: null });
    else {
      api<{ xml: string; version: number; name: string | null }>('GET', `/api/v1/processes/${encodeURIComponent(processId)}`)
        .then((p) => setLoaded({ xml: p.xml, version: p.version, name: p.name }), (e: Error) => setStatus({ kind: 'error', text: e.message }));
    }
  }, [processId]);

  useEffect(() => {
    const modeler = new CloudModeler({
      container: canvasRef.current!,
      propertiesPanel: { parent: panelRef.current! },
      additionalModules: [lintingModule],
      moddleExtensions: { modeler: modelerModdle },
    });
    modelerRef.current = modeler;
    const linter = new Linter({ modeler: 'web', type: 'cloud', plugins: [projectLintPlugin] });
    let timer: number | undefined;
    const lint = async () => {
      const found = await linter.lint(modeler.getDefinitions());
      setReports(found);
      const linting = modeler.get('linting') as { setErrors(r: LintReport[]): void; activate(): void };
      linting.setErrors(found);
      linting.activate();
    };
    const relint = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void lint(), 250);
    };
    modeler.on('import.done', relint);
    modeler.on('commandStack.changed', relint);
    return () => {
      clearTimeout(timer);
      modeler.destroy();
    };
  }, []);

  useEffect(() => {
    const modeler = modelerRef.current;
    if (!modeler || !loaded) return;
    void (async () => {
      try {
        await modeler.importXML(loaded.xml);
        const defs = modeler.getDefinitions() as { get(k: string): unknown; set(k: string, v: unknown): void };
        // A file made elsewhere without them would not be linted at all: ours is for 8.6.
        if (!defs.get('modeler:executionPlatform')) {
          defs.set('modeler:executionPlatform', executionPlatform.platform);
          defs.set('modeler:executionPlatformVersion', executionPlatform.version);
        }
        fitBesidePalette(modeler.get('canvas') as FitCanvas);
      } catch (err) {
        setStatus({ kind: 'error', text: `The diagram could not be opened: ${err instanceof Error ? err.message : String(err)}` });
      }
    })();
  }, [loaded]);

  async function currentXml(): Promise<string> {
    const { xml } = await modelerRef.current!.saveXML({ format: true });
    return xml!;
  }

  async function deploy() {
    setBusy(true);
    setStatus({ kind: 'info', text: 'Deploying…' });
    try {
      const res = await api<{ deployed: { processId: string; version: number }[] }>('POST', '/api/v1/processes', await currentXml(), { contentType: 'application/xml' });
      const mine = res.deployed.find((d) => d.processId === processId) ?? res.deployed[0];
      drafts.drop(processId);
      setLoaded((l) => (l ? { ...l, version: mine?.version ?? l.version } : l));
      setStatus({ kind: 'success', text: `Deployed: ${res.deployed.map((d) => `${d.processId} version ${d.version}`).join(', ')}. New orders run on it; running ones finish on theirs.` });
    } catch (err) {
      const problems = err instanceof ApiError ? err.details.filter((d): d is Problem => typeof d !== 'string') : [];
      setStatus({ kind: 'error', text: problems.length ? 'The server refused the deployment:' : (err as Error).message, problems });
    } finally {
      setBusy(false);
    }
  }

  async function download() {
    const blob = new Blob([await currentXml()], { type: 'application/xml' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${processId}.bpmn`;
    a.click();
    URL.revokeObjectURL(a.href);
  }

  async function upload(file: File) {
    setStatus(null);
    setLoaded({ xml: await file.text(), version: loaded?.version ?? null, name: loaded?.name ?? null });
  }

  function select(id: string) {
    const modeler = modelerRef.current!;
    const element = (modeler.get('elementRegistry') as { get(id: string): unknown }).get(id);
    if (element) (modeler.get('selection') as { select(e: unknown): void }).select(element);
  }

  const found = reports ?? [];
  const errors = found.filter((r) => r.category === 'error' || r.category === 'rule-error');
  const warnings = found.filter((r) => r.category === 'warn');

  return (
    <div className="editor">
      <div className="editor-bar">
        <div>
          <Link to="/designer" className="muted small">← Flows</Link>
          <h1>{loaded?.name ?? processId} {loaded?.version ? <span className="chip chip-version">v{loaded.version} live</span> : <span className="chip chip-draft">not deployed</span>}</h1>
        </div>
        <div className="row">
          <span className={`lint-pill ${!reports ? '' : errors.length ? 'bad' : warnings.length ? 'warn' : 'good'}`} data-testid="lint-status">
            {!reports ? 'Linting…' : errors.length ? `${errors.length} error${errors.length > 1 ? 's' : ''}` : warnings.length ? `${warnings.length} warning(s)` : 'No problems'}
          </span>
          <input ref={fileInput} type="file" accept=".bpmn,.xml" hidden aria-label="Replace with file" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
          <button className="btn" onClick={() => fileInput.current?.click()}>Open file</button>
          <button className="btn" onClick={() => void download()}>Download .bpmn</button>
          <button className="btn btn-primary" onClick={() => void deploy()} disabled={busy || !loaded}>Deploy</button>
        </div>
      </div>
      {status && (
        <div className={`alert alert-${status.kind}`} role="status" data-testid="deploy-status">
          {status.text}
          {status.problems && status.problems.length > 0 && (
            <ul>{status.problems.map((p, i) => <li key={i}><button className="linklike" onClick={() => p.id && select(p.id)}>{p.id || 'diagram'}</button>: {p.message}</li>)}</ul>
          )}
        </div>
      )}
      <div className="editor-body">
        <div className="editor-canvas" ref={canvasRef} />
        <div className="editor-panel" ref={panelRef} />
      </div>
      <div className="problems" aria-label="Problems">
        <div className="problems-title">Problems <span className="muted">{found.length}</span></div>
        {reports?.length === 0 ? <div className="muted small">The diagram lints clean for Camunda 8.6.</div> : (
          <ul>
            {found.map((r, i) => (
              <li key={i} className={`problem problem-${r.category}`}>
                <button className="linklike" onClick={() => select(r.id)}>{r.name ?? r.id}</button> {r.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
