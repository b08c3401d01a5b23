import type { Db } from '../db/index.js';
import type { Zeebe } from '../zeebe/client.js';
import { readProcesses, type ProcessModel } from './model.js';

export interface Deployed {
  processId: string;
  version: number;
  definitionKey: string;
}

export interface DeploymentRow {
  process_id: string;
  version: number;
  definition_key: string;
  name: string | null;
  resource_name: string;
  xml: string;
  source: 'startup' | 'designer';
  deployed_by: string;
  deployed_at: Date;
}

/**
 * Deploys BPMN documents to Zeebe in one atomic call and records each resulting process version
 * with its XML. Zeebe answers an unchanged document with the version it already has; that
 * version is recorded once.
 */
export async function deployBpmn(
  zeebe: Pick<Zeebe, 'deployResources'>,
  db: Db,
  resources: { name: string; xml: string }[],
  by: { source: DeploymentRow['source']; actor: string },
): Promise<Deployed[]> {
  const res = await zeebe.deployResources(resources.map((r) => ({ name: r.name, process: Buffer.from(r.xml) })));
  const xmlOf = new Map(resources.map((r) => [r.name, r.xml]));
  const deployed = (res.deployments as { process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string } }[])
    .flatMap((d) => (d.process ? [d.process] : []));
  const rows: Partial<DeploymentRow>[] = [];
  for (const p of deployed) {
    const xml = xmlOf.get(p.resourceName)!;
    const model = (await readProcesses(xml)).find((m) => m.id === p.bpmnProcessId);
    rows.push({
      process_id: p.bpmnProcessId, version: p.version, definition_key: String(p.processDefinitionKey), name: model?.name ?? null,
      resource_name: p.resourceName, xml, source: by.source, deployed_by: by.actor,
    });
  }
  if (rows.length) await db('process_deployments').insert(rows).onConflict(['process_id', 'version']).ignore();
  return deployed.map((p) => ({ processId: p.bpmnProcessId, version: p.version, definitionKey: String(p.processDefinitionKey) }));
}

export interface ProcessSummary {
  processId: string;
  name: string | null;
  versions: { version: number; definitionKey: string; deployedAt: string; deployedBy: string; source: string }[];
}

/** Every deployed process, newest version first. */
export async function listProcesses(db: Db): Promise<ProcessSummary[]> {
  const rows: DeploymentRow[] = await db('process_deployments')
    .select('process_id', 'version', 'definition_key', 'name', 'source', 'deployed_by', 'deployed_at')
    .orderBy([{ column: 'process_id' }, { column: 'version', order: 'desc' }]);
  const byId = new Map<string, ProcessSummary>();
  for (const r of rows) {
    const p = byId.get(r.process_id) ?? { processId: r.process_id, name: r.name, versions: [] };
    p.versions.push({ version: r.version, definitionKey: r.definition_key, deployedAt: new Date(r.deployed_at).toISOString(), deployedBy: r.deployed_by, source: r.source });
    byId.set(r.process_id, p);
  }
  return [...byId.values()];
}

/** One version, or the latest when `version` is absent. */
export async function getDeployment(db: Db, processId: string, version?: number): Promise<DeploymentRow | undefined> {
  const q = db('process_deployments').where({ process_id: processId });
  if (version !== undefined) q.where({ version });
  return q.orderBy('version', 'desc').first();
}

/**
 * The version a message start event picked at `at`: the newest deployed by then. Zeebe keeps
 * no instance history without an exporter, so this is read from our record of deployments.
 */
export async function versionLiveAt(db: Db, processId: string, at: Date): Promise<DeploymentRow | undefined> {
  return (await db('process_deployments').where({ process_id: processId }).where('deployed_at', '<=', at).orderBy('version', 'desc').first())
    ?? getDeployment(db, processId);
}

/** Parsed models, once per process version (a version's XML never changes). */
export function createModelCache(db: Db) {
  const cache = new Map<string, Promise<ProcessModel | undefined>>();
  return (row: Pick<DeploymentRow, 'process_id' | 'version'>): Promise<ProcessModel | undefined> => {
    const key = `${row.process_id}@${row.version}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = getDeployment(db, row.process_id, row.version).then(async (d) => (d ? (await readProcesses(d.xml)).find((m) => m.id === d.process_id) : undefined));
      cache.set(key, hit);
    }
    return hit;
  };
}
