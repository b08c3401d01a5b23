import type { Db } from '../src/db/index.js';
import type { Logger } from '../src/log/index.js';
import type { NetworkElements } from '../src/network/elements.js';

/** What a worker factory receives: nothing is imported as a global, so tests can drive each piece. */
export interface WorkerDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  /** The switches, HLR/HSS and BRAS that suspend/resume commands go to. */
  network: NetworkElements;
  settings: WorkerSettings;
}

/** Business settings the steps apply, from the validated configuration. */
export interface WorkerSettings {
  pendingGiveUpSeconds: number;
  mergeWindowSeconds: number;
  faultMergeWindowSeconds: number;
  faultGatherSeconds: number;
  majorIncidentReports: number;
  ticketAutoCloseSeconds: number;
  complaintFollowUpSeconds: number;
  /** Build-and-accept rounds a construction site gets before a person decides. */
  acceptanceRounds: number;
}
