import { createHash, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/index.js';
import type { ElementReceipt } from '../network/elements.js';
import { enqueueAll } from '../outbox/index.js';
import { recordEvent } from '../trace/index.js';
import type { CommandKind, CommandState, SubscriberCommandInput } from './schema.js';

type Conn = Db | Tx;

export interface CommandRow {
  id: string;
  billing_event_id: string;
  request_hash: string;
  subscriber_id: string;
  command: CommandKind;
  reason: string;
  sequence: string; // bigint: pg hands it back as a string
  issued_at: Date;
  services: SubscriberCommandInput['services'];
  callback_url: string;
  state: CommandState;
  state_reason: string | null;
  network_receipts: ElementReceipt[] | null;
  process_instance_key: string | null;
  received_at: Date;
  completed_at: Date | null;
}

/** The Zeebe message that starts a `suspend-resume` instance; one subscriber's commands queue behind each other on it. */
export const COMMAND_MESSAGE = 'subscriber-command';

/** Billing reused an event id for a different command: refusing is the only safe answer. */
export class EventIdReused extends Error {
  constructor(readonly eventIds: string[]) {
    super(`billing event id already used for a different command: ${eventIds.join(', ')}`);
  }
}

/** Lost a race with a concurrent request carrying the same event id: roll back and read the winner's command. */
export class CommandRace extends Error {}

// The parsed input has a fixed key order (the schema's), so equal commands hash equally however billing ordered its JSON.
const hashOf = (input: SubscriberCommandInput) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * Records billing's commands and, in the same transaction, asks the engine to run each one. An
 * event id seen before with the same body is a replay (answered with the existing command, applied
 * once); with another body the whole request is refused and nothing is written.
 */
export async function receiveCommands(
  trx: Tx,
  inputs: SubscriberCommandInput[],
  actor: { id: string; name: string },
): Promise<{ row: CommandRow; replayed: boolean }[]> {
  const hashes = inputs.map(hashOf);
  const existing = new Map<string, CommandRow>(
    (await trx('subscriber_commands').whereIn('billing_event_id', [...new Set(inputs.map((i) => i.eventId))]))
      .map((r: CommandRow) => [r.billing_event_id, r]),
  );
  const fresh = new Map<string, { input: SubscriberCommandInput; hash: string }>();
  const reused = new Set<string>();
  inputs.forEach((input, i) => {
    const known = existing.get(input.eventId)?.request_hash ?? fresh.get(input.eventId)?.hash;
    if (known === undefined) fresh.set(input.eventId, { input, hash: hashes[i]! });
    else if (known !== hashes[i]) reused.add(input.eventId);
  });
  if (reused.size) throw new EventIdReused([...reused]);

  let created: CommandRow[] = [];
  if (fresh.size) {
    created = await trx('subscriber_commands')
      .insert([...fresh.values()].map(({ input, hash }) => ({
        id: randomUUID(),
        billing_event_id: input.eventId,
        request_hash: hash,
        subscriber_id: input.subscriberId,
        command: input.command,
        reason: input.reason,
        sequence: input.sequence,
        issued_at: input.issuedAt,
        services: JSON.stringify(input.services),
        callback_url: input.callbackUrl,
        created_by: actor.id,
      })))
      .onConflict('billing_event_id')
      .ignore()
      .returning('*');
    if (created.length !== fresh.size) throw new CommandRace();
    await trx('trace_events').insert(created.map((c) => ({
      order_id: c.id, kind: 'state', actor: actor.name, outcome: 'received',
      details: JSON.stringify({ eventId: c.billing_event_id, command: c.command, sequence: Number(c.sequence) }),
    })));
    await enqueueAll(trx, created.map((c) => ({
      kind: 'zeebe-message' as const,
      messageId: `${COMMAND_MESSAGE}:${c.id}`,
      name: COMMAND_MESSAGE,
      // One active instance per correlation key: the subscriber's next command waits for this one to end.
      correlationKey: c.subscriber_id,
      variables: { commandId: c.id, subscriberId: c.subscriber_id },
      orderingKey: `subscriber:${c.subscriber_id}`,
      orderId: c.id,
    })));
  }
  const byEvent = new Map<string, CommandRow>([...existing, ...created.map((c) => [c.billing_event_id, c] as const)]);
  const createdIds = new Set(created.map((c) => c.id));
  return inputs.map((i) => {
    const row = byEvent.get(i.eventId)!;
    return { row, replayed: !createdIds.has(row.id) };
  });
}

export async function getCommand(conn: Conn, id: string): Promise<CommandRow | undefined> {
  return conn('subscriber_commands').where({ id }).first();
}

export async function mustGetCommand(conn: Conn, id: string, forUpdate = false): Promise<CommandRow> {
  const q = conn('subscriber_commands').where({ id });
  const row = await (forUpdate ? q.forUpdate() : q).first();
  if (!row) throw new Error(`subscriber command ${id} does not exist`);
  return row;
}

export type Decision = 'apply' | 'stale';

/**
 * Per-subscriber ordering by billing's sequence: a command is taken on only if it is newer than
 * every command taken on before it for the subscriber; an older one arriving late is stale and
 * must not touch the network, so the network always ends at billing's last intent.
 */
export async function takeOnCommand(trx: Tx, commandId: string, processInstanceKey: string, actor: string): Promise<{ decision: Decision; row: CommandRow; reason?: string }> {
  const row = await mustGetCommand(trx, commandId, true);
  await trx('subscribers')
    .insert({ id: row.subscriber_id, last_sequence: -1, last_command_id: row.id })
    .onConflict('id')
    .ignore();
  const sub = await trx('subscribers').where({ id: row.subscriber_id }).forUpdate().first();
  let decision: Decision = 'apply';
  let reason: string | undefined;
  if (BigInt(row.sequence) <= BigInt(sub.last_sequence)) {
    decision = 'stale';
    reason = `billing sequence ${row.sequence} is not newer than ${sub.last_sequence} (command ${sub.last_command_id}), already taken on`;
  } else {
    await trx('subscribers').where({ id: row.subscriber_id }).update({ last_sequence: row.sequence, last_command_id: row.id, updated_at: trx.fn.now() });
  }
  const [updated] = await trx('subscriber_commands')
    .where({ id: commandId })
    .update({ state: 'inProgress', process_instance_key: processInstanceKey })
    .returning('*');
  await recordEvent(trx, commandId, 'state', actor, 'inProgress', reason ? { decision, reason } : { decision });
  return { decision, row: updated, reason };
}

/** What the network elements answered; the subscriber's network state follows the command. */
export async function recordNetworkResult(trx: Tx, row: CommandRow, receipts: ElementReceipt[]): Promise<void> {
  await trx('subscriber_commands').where({ id: row.id }).update({ network_receipts: JSON.stringify(receipts) });
  await trx('subscribers')
    .where({ id: row.subscriber_id })
    .update({ network_state: row.command === 'suspend' ? 'suspended' : 'active', updated_at: trx.fn.now() });
}

/**
 * The command is over — applied, or skipped as stale — and billing hears of it through the
 * outbox: a billing system that is down delays the confirmation, never loses it. One subscriber's
 * confirmations share an ordering key, so billing hears them in the order they were applied.
 */
export async function finishCommand(trx: Tx, commandId: string, decision: Decision, actor: string, now: Date): Promise<CommandRow> {
  const row = await mustGetCommand(trx, commandId, true);
  const state: CommandState = decision === 'stale' ? 'skipped' : 'completed';
  const stateReason = decision === 'stale' ? 'stale: billing has issued a newer command for this subscriber' : null;
  const [done] = await trx('subscriber_commands')
    .where({ id: commandId })
    .update({ state, state_reason: stateReason, completed_at: now })
    .returning('*');
  const sub = await trx('subscribers').where({ id: row.subscriber_id }).first();
  await recordEvent(trx, commandId, 'state', actor, state, stateReason ? { reason: stateReason } : undefined);
  await enqueueAll(trx, [{
    kind: 'http',
    orderingKey: `billing:${row.subscriber_id}`,
    url: row.callback_url,
    orderId: row.id,
    body: confirmationOf(done, sub.network_state),
  }]);
  return done;
}

/** The confirmation billing receives at its callback URL. */
export function confirmationOf(row: CommandRow, networkState: string) {
  return {
    eventId: row.billing_event_id,
    commandId: row.id,
    subscriberId: row.subscriber_id,
    command: row.command,
    sequence: Number(row.sequence),
    outcome: row.state === 'skipped' ? 'skipped' : 'applied',
    reason: row.state_reason,
    networkState,
    services: row.network_receipts ?? [],
    completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
  };
}
