import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployBpmn, type Deployed } from '../src/bpmn/deployments.js';
import { createDb, type Db } from '../src/db/index.js';
import { createZeebe, type Zeebe } from '../src/zeebe/client.js';

const processesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'processes');

export function processFiles(): string[] {
  return fs.readdirSync(processesDir).filter((f) => f.endsWith('.bpmn')).sort().map((f) => path.join(processesDir, f));
}

/**
 * Deploys every BPMN in processes/ and records the versions, so the designer lists them; the
 * broker keeps the version when a file has not changed.
 */
export async function deployProcesses(zeebe: Zeebe, db: Db): Promise<Deployed[]> {
  const resources = processFiles().map((f) => ({ name: path.basename(f), xml: fs.readFileSync(f, 'utf8') }));
  // A broker that has just started (or a loaded machine) can time out the first commands; the
  // same resources deployed again keep their versions, so trying again is safe.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deployBpmn(zeebe, db, resources, { source: 'startup', actor: 'processes/' });
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (attempt >= 5 || (code !== 4 && code !== 14)) throw err;
      await new Promise((r) => setTimeout(r, 2000 * attempt));
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  const zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS ?? 'grpc://localhost:26500');
  const db = createDb(process.env.DATABASE_URL, { min: 0, max: 2 });
  const deployed = await deployProcesses(zeebe, db);
  for (const d of deployed) console.log(`deployed ${d.processId} v${d.version}`);
  await zeebe.close();
  await db.destroy();
}
