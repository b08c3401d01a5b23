import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { CommandRace, EventIdReused, getCommand, receiveCommands, type CommandRow } from '../../src/subscribers/commands.js';
import { subscriberCommandPath, toSubscriberCommand } from '../../src/subscribers/representation.js';
import { commandStates, SubscriberCommandBatch, SubscriberCommandInput } from '../../src/subscribers/schema.js';
import type { Principal } from '../../src/auth/keys.js';
import { allow } from '../auth.js';
import { badRequest, fromZod, notFound, unprocessable } from '../errors.js';
import { parseListParams, sendList } from '../tmf-list.js';

export const billingBase = '/api/v1/billing';

/**
 * Billing's way in for arrears suspension and payment resumption (R1.3). Billing's event id is the
 * idempotency key; a batch is all or nothing.
 */
export function billingRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  async function receive(inputs: SubscriberCommandInput[], principal: Principal) {
    const attempt = () => db.transaction((trx) => receiveCommands(trx, inputs, principal));
    let results;
    try {
      try {
        results = await attempt();
      } catch (err) {
        // A concurrent request with the same event id won: this attempt rolled back, the retry replays.
        if (!(err instanceof CommandRace)) throw err;
        results = await attempt();
      }
    } catch (err) {
      if (err instanceof EventIdReused) throw unprocessable(err.message, err.eventIds.map((eventId) => ({ path: 'eventId', message: eventId })));
      throw err;
    }
    if (results.some((x) => !x.replayed)) deps.onOutboxWrite();
    return results;
  }

  r.post('/subscriber-commands', allow('billing'), async (req, res) => {
    const parsed = SubscriberCommandInput.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const [result] = await receive([parsed.data], req.principal!);
    const { row, replayed } = result!;
    req.log?.info({ commandId: row.id, eventId: row.billing_event_id, subscriberId: row.subscriber_id, replayed }, 'billing command received');
    res.status(replayed ? 200 : 201).location(`${subscriberCommandPath}/${row.id}`).json(toSubscriberCommand(row));
  });

  r.post('/subscriber-commands/batch', allow('billing'), async (req, res) => {
    const parsed = SubscriberCommandBatch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const results = await receive(parsed.data.commands, req.principal!);
    const created = results.filter((x) => !x.replayed).length;
    req.log?.info({ commands: results.length, created }, 'billing batch received');
    res.status(created ? 201 : 200).json({
      received: results.length,
      created,
      replayed: results.length - created,
      commands: results.map(({ row, replayed }) => ({
        id: row.id, href: `${subscriberCommandPath}/${row.id}`, eventId: row.billing_event_id, state: row.state, replayed,
      })),
    });
  });

  r.get('/subscriber-commands', allow('billing', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, ['subscriberId', 'state', 'command', 'eventId']);
    const f = params.filters;
    if (f.state && !(commandStates as readonly string[]).includes(f.state)) throw badRequest(`state is one of ${commandStates.join(', ')}`);
    const q = db('subscriber_commands');
    if (f.subscriberId) q.where({ subscriber_id: f.subscriberId });
    if (f.state) q.where({ state: f.state });
    if (f.command) q.where({ command: f.command });
    if (f.eventId) q.where({ billing_event_id: f.eventId });
    const total = await q.clone().count({ n: '*' }).first();
    const rows: CommandRow[] = await q.orderBy('received_at').orderBy('id').offset(params.offset).limit(params.limit);
    sendList(res, rows.map(toSubscriberCommand), Number(total?.n ?? 0), params.fields);
  });

  r.get('/subscriber-commands/:id', allow('billing', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await getCommand(db, id) : undefined;
    if (!row) throw notFound(`subscriber command ${id}`);
    res.json(toSubscriberCommand(row));
  });

  return r;
}
