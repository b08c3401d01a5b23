import { elementOf, type BarringAction, type ElementReceipt, type NetworkElements } from '../network/elements.js';
import type { CommandRow } from './commands.js';

/**
 * Sends the command to the element of every service, all at once. Each element applies a command
 * id once, so a retry after a partial failure repeats only what did not take; every failure is
 * reported together so the incident says which elements are at fault.
 */
export async function applyOnNetwork(network: NetworkElements, row: CommandRow, action: BarringAction): Promise<ElementReceipt[]> {
  const results = await Promise.allSettled(row.services.map((s) => network.apply({
    commandId: row.id,
    element: elementOf[s.type],
    subscriberId: row.subscriber_id,
    serviceId: s.id,
    action,
    sequence: Number(row.sequence),
  })));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length) {
    const messages = failures.map((f) => (f instanceof Error ? f.message : String(f)));
    throw new Error(`network elements failed: ${messages.join('; ')}`);
  }
  return results.map((r) => (r as PromiseFulfilledResult<ElementReceipt>).value);
}
