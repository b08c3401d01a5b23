import type { Db } from '../src/db/index.js';
import type { Logger } from '../src/log/index.js';

/** What a worker factory receives: nothing is imported as a global, so tests can drive each piece. */
export interface WorkerDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: WorkerSettings;
}

/** Business settings the steps apply, from the validated configuration. */
export interface WorkerSettings {
  pendingGiveUpSeconds: number;
  mergeWindowSeconds: number;
}
