import type { Db } from '../src/db/index.js';
import type { Zeebe } from '../src/zeebe/client.js';
import type { JobGateway } from '../src/zeebe/gateway.js';
import type { BenchKeys } from './fixtures.js';
import type { startUsageSampler, Usage } from './proc-usage.js';

export interface BenchContext {
  baseUrl: string;
  db: Db;
  zeebe: Zeebe;
  jobGateway: JobGateway;
  keys: BenchKeys;
  usage: ReturnType<typeof startUsageSampler>;
  log: (m: string) => void;
  /**
   * Stops the broker and the workers (SIGSTOP) until the returned function is called: the API and
   * PostgreSQL then have the machine to themselves, as they would beside a broker on other hosts.
   */
  freezeEngine(): () => void;
  /** Hands out customers no order has used yet (an order per customer keeps R3.3's merging out of the way). */
  nextGoodCustomer(): string;
  nextBlacklistedCustomer(): string;
}

export type UsageByProcess = Record<string, Usage | null>;

/** Commits in the service's database so far: the transactions a scenario cost PostgreSQL. */
export async function commits(db: Db): Promise<number> {
  const { rows } = await db.raw('SELECT xact_commit::bigint AS n FROM pg_stat_database WHERE datname = current_database()');
  return Number(rows[0].n);
}
