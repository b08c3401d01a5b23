import express, { Router } from 'express';
import { deployBpmn, getDeployment, listProcesses } from '../../src/bpmn/deployments.js';
import { blocksDeployment, lintBpmnXml } from '../../src/bpmn/lint.js';
import { readProcesses } from '../../src/bpmn/model.js';
import type { Db } from '../../src/db/index.js';
import type { Zeebe } from '../../src/zeebe/client.js';
import { allow } from '../auth.js';
import { ApiError, badRequest, notFound, unprocessable } from '../errors.js';

/** Our largest diagram is ~40 kB; 2 MB leaves room for big ones and keeps a parse cheap. */
export const maxBpmnBytes = 2 * 1024 * 1024;
const xmlBody = express.text({ type: ['application/xml', 'text/xml', 'application/bpmn+xml'], limit: maxBpmnBytes });

/**
 * Flows for designers (R4.2): the deployed processes with their versions, one version's XML,
 * and deploying a diagram — which the server lints again, whatever the browser said.
 */
export function processRoutes(deps: { db: Db; zeebe: Pick<Zeebe, 'deployResources'> }): Router {
  const { db } = deps;
  const r = Router();

  r.get('/processes', allow('designer', 'dispatcher'), async (_req, res) => {
    res.json(await listProcesses(db));
  });

  r.get('/processes/:processId', allow('designer', 'dispatcher'), async (req, res) => {
    const raw = req.query.version;
    const version = raw === undefined ? undefined : Number(raw);
    if (version !== undefined && (!Number.isInteger(version) || version < 1)) throw badRequest('version must be a positive integer');
    const d = await getDeployment(db, String(req.params.processId), version);
    if (!d) throw notFound(`process ${req.params.processId}${version ? ` version ${version}` : ''}`);
    res.json({
      processId: d.process_id, name: d.name, version: d.version, definitionKey: d.definition_key, resourceName: d.resource_name,
      source: d.source, deployedBy: d.deployed_by, deployedAt: new Date(d.deployed_at).toISOString(), xml: d.xml,
    });
  });

  r.post('/processes', allow('designer'), xmlBody, async (req, res) => {
    if (typeof req.body !== 'string' || !req.body.trim()) throw badRequest('send the BPMN XML as the body, with Content-Type: application/xml');
    const xml = req.body;
    const problems = await lintBpmnXml(xml);
    const errors = problems.filter(blocksDeployment);
    if (errors.length) {
      throw unprocessable(`the diagram has ${errors.length} lint error(s); nothing was deployed: ${errors.map((p) => `${p.id || 'diagram'}: ${p.message}`).join('; ')}`, errors);
    }
    const processes = await readProcesses(xml);
    if (!processes.length) throw unprocessable('the diagram has no process');
    const name = `${processes[0]!.id}.bpmn`;
    let deployed;
    try {
      deployed = await deployBpmn(deps.zeebe, db, [{ name, xml }], { source: 'designer', actor: req.principal!.name });
    } catch (err) {
      // The broker checks more than the linter (e.g. FEEL expressions); its refusal is the designer's to fix.
      const e = err as { code?: number; details?: string; message?: string };
      if (e.code === 3) throw unprocessable(`the broker refused the diagram: ${e.details ?? e.message}`);
      throw new ApiError(503, 'Service Unavailable', `the broker could not be reached: ${e.details ?? e.message}`);
    }
    req.log?.info({ deployed }, 'diagram deployed');
    res.status(201).json({ deployed, warnings: problems.filter((p) => !blocksDeployment(p)) });
  });

  return r;
}
