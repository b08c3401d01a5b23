import type { Tx } from '../src/db/index.js';
import type { BarringAction } from '../src/network/elements.js';
import { mustGetCommand, recordNetworkResult, type CommandRow } from '../src/subscribers/commands.js';
import { applyOnNetwork } from '../src/subscribers/network.js';
import type { WorkerDeps } from './deps.js';
import { runStep } from './step.js';

/**
 * A suspend or resume on the network elements. The elements are called outside the database
 * transaction (they take seconds, and a held transaction would pin a pooled connection that
 * long); they are idempotent per command id, so the rare repeat after a lost completion is harmless.
 */
export async function runNetworkStep(
  deps: WorkerDeps,
  step: string,
  commandId: string,
  action: BarringAction,
  alsoInTransaction?: (trx: Tx, row: CommandRow) => Promise<void>,
) {
  const row = await mustGetCommand(deps.db, commandId);
  const receipts = row.network_receipts ?? (await applyOnNetwork(deps.network, row, action));
  return runStep(deps, { name: step, orderId: commandId }, async (trx) => {
    await recordNetworkResult(trx, row, receipts);
    await alsoInTransaction?.(trx, row);
    return {
      output: {},
      outcome: action === 'suspend' ? 'suspended' : 'resumed',
      details: { elements: receipts.map((r) => `${r.element} ${r.serviceId}: ${r.state}${r.repeated ? ' (repeated)' : ''}`) },
    };
  });
}
