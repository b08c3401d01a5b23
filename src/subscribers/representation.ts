import type { CommandRow } from './commands.js';

export const subscriberCommandPath = '/api/v1/billing/subscriber-commands';

/** A billing command as the API shows it. */
export function toSubscriberCommand(row: CommandRow) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: row.id,
    href: `${subscriberCommandPath}/${row.id}`,
    eventId: row.billing_event_id,
    subscriberId: row.subscriber_id,
    command: row.command,
    reason: row.reason,
    sequence: Number(row.sequence),
    issuedAt: iso(row.issued_at)!,
    services: row.services,
    callbackUrl: row.callback_url,
    state: row.state,
    stateReason: row.state_reason,
    networkReceipts: row.network_receipts,
    receivedAt: iso(row.received_at)!,
    completedAt: iso(row.completed_at),
  };
}
