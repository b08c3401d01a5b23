import assert from 'node:assert/strict';
import { test } from 'node:test';
import { postgresFor } from '../../bench/proc-usage.js';
import { usageTable } from '../../bench/report.js';

test('the usage table shows each service and the shares of PostgreSQL that used CPU, not its idle processes', () => {
  const usage = {
    broker: { cpuPct: 80.2, rssMbMean: 900, rssMbMax: 950 },
    workers: { cpuPct: 0, rssMbMean: 120, rssMbMax: 130 },
    postgres: { cpuPct: 40.5, rssMbMean: 300, rssMbMax: 310 },
    [postgresFor('dispatch-workers')]: { cpuPct: 25.1, rssMbMean: 0, rssMbMax: 0 },
    [postgresFor('checkpointer')]: { cpuPct: 0, rssMbMean: 0, rssMbMax: 0 },
  };
  const rows = usageTable(usage).split('\n').slice(2);
  assert.deepEqual(rows, [
    '| broker | 80.2 | 900 | 950 |',
    '| workers | 0 | 120 | 130 |',
    '| postgres | 40.5 | 300 | 310 |',
    `| &nbsp;&nbsp;${postgresFor('dispatch-workers')} | 25.1 |  |  |`,
  ]);
});
