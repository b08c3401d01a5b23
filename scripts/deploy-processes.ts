import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZeebe, type Zeebe } from '../src/zeebe/client.js';

const processesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'processes');

export function processFiles(): string[] {
  return fs.readdirSync(processesDir).filter((f) => f.endsWith('.bpmn')).sort().map((f) => path.join(processesDir, f));
}

/** Deploys every BPMN in processes/; the broker keeps the version when a file has not changed. */
export async function deployProcesses(zeebe: Zeebe): Promise<{ bpmnProcessId: string; version: number }[]> {
  const res = await zeebe.deployResources(processFiles().map((processFilename) => ({ processFilename })));
  const deployments = res.deployments as { process?: { bpmnProcessId: string; version: number } }[];
  return deployments.flatMap((d) => (d.process ? [{ bpmnProcessId: d.process.bpmnProcessId, version: d.process.version }] : []));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS ?? 'grpc://localhost:26500');
  const deployed = await deployProcesses(zeebe);
  for (const d of deployed) console.log(`deployed ${d.bpmnProcessId} v${d.version}`);
  await zeebe.close();
}
