import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { clock } from '../format';
import { Link, navigate } from '../router';
import { DesignerNav } from './designer-nav';
import { drafts, newDiagram, processIdOf } from './drafts';

interface ProcessSummary {
  processId: string;
  name: string | null;
  versions: { version: number; deployedAt: string; deployedBy: string; source: string }[];
}

/** The deployed flows with their versions; open one, start a new one, or open a .bpmn file. */
export function ProcessListPage() {
  const [processes, setProcesses] = useState<ProcessSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api<ProcessSummary[]>('GET', '/api/v1/processes').then(setProcesses, (e: Error) => setError(e.message));
  }, []);

  async function openFile(file: File) {
    const xml = await file.text();
    const id = processIdOf(xml);
    if (!id) {
      setError(`${file.name} has no BPMN process.`);
      return;
    }
    drafts.put(id, xml);
    navigate(`/designer/${encodeURIComponent(id)}`);
  }

  function create() {
    const name = prompt('Name of the new flow', 'New flow');
    if (!name) return;
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'new-flow';
    drafts.put(id, newDiagram(id, name));
    navigate(`/designer/${encodeURIComponent(id)}`);
  }

  return (
    <div className="page">
      <DesignerNav />
      <div className="page-head">
        <h1>Flows</h1>
        <div className="row">
          <input ref={fileInput} type="file" accept=".bpmn,.xml" hidden aria-label="BPMN file"
            onChange={(e) => e.target.files?.[0] && void openFile(e.target.files[0])} />
          <button className="btn" onClick={() => fileInput.current?.click()}>Open .bpmn file</button>
          <button className="btn btn-primary" onClick={create}>New flow</button>
        </div>
      </div>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
      <div className="table-wrap">
        <table className="table" aria-label="Flows">
          <thead><tr><th>Flow</th><th>Process id</th><th>Live version</th><th>Deployed</th><th>By</th><th>Versions</th></tr></thead>
          <tbody>
            {processes?.map((p) => {
              const live = p.versions[0]!;
              return (
                <tr key={p.processId} data-process={p.processId}>
                  <td><Link to={`/designer/${encodeURIComponent(p.processId)}`}><b>{p.name ?? p.processId}</b></Link></td>
                  <td className="mono">{p.processId}</td>
                  <td><span className="chip chip-version">v{live.version}</span></td>
                  <td>{clock(live.deployedAt)}</td>
                  <td>{live.source === 'startup' ? 'service start-up' : live.deployedBy}</td>
                  <td>{p.versions.length}</td>
                </tr>
              );
            })}
            {processes?.length === 0 && <tr><td colSpan={6} className="empty">No flow deployed yet.</td></tr>}
          </tbody>
        </table>
      </div>
    </div>
  );
}
