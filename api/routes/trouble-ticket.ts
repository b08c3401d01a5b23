import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { enqueue } from '../../src/outbox/index.js';
import { childrenOf, loadTroubleTicket, toTroubleTicket } from '../../src/tickets/representation.js';
import { createTicket, isOpen, TicketInputError, type TicketRow } from '../../src/tickets/repository.js';
import { TroubleTicketCreate, TroubleTicketPatch } from '../../src/tickets/schema.js';
import { recordEvent } from '../../src/trace/index.js';
import { allow } from '../auth.js';
import { registerHub, unregisterHub } from '../hub-handlers.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';
import { parseListParams, selectFields, sendList } from '../tmf-list.js';

export const troubleTicketBase = '/tmf-api/troubleTicket/v4';

const filterColumns: Record<string, string> = {
  id: 'id',
  status: 'status',
  severity: 'severity',
  ticketType: 'ticket_type',
  externalId: 'external_id',
  priority: 'priority',
  'relatedParty.id': 'customer_id',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** TMF621 Trouble Ticket: customers' reports and complaints (CRM, call centre) and inspection findings (crews). */
export function troubleTicketRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/troubleTicket', allow('crm', 'dispatcher', 'crew'), async (req, res) => {
    const parsed = TroubleTicketCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    let row: TicketRow;
    try {
      row = await db.transaction((trx) => createTicket(trx, parsed.data, { id: req.principal!.id, name: req.principal!.name }));
    } catch (err) {
      if (err instanceof TicketInputError) throw badRequest(err.message);
      throw err;
    }
    deps.onOutboxWrite();
    req.log?.info({ orderId: row.id, channel: row.channel }, 'trouble ticket received');
    res.status(201).location(`${troubleTicketBase}/troubleTicket/${row.id}`).json(toTroubleTicket(row, []));
  });

  r.get('/troubleTicket', allow('crm', 'dispatcher'), async (req, res) => {
    const params = parseListParams(req, Object.keys(filterColumns));
    const q = db('trouble_tickets');
    for (const [k, v] of Object.entries(params.filters)) {
      if ((k === 'id' && !uuid.test(v)) || (k === 'priority' && !/^\d+$/.test(v))) q.whereRaw('false');
      else q.where(filterColumns[k]!, v);
    }
    const total = await q.clone().count({ n: '*' }).first();
    const rows: TicketRow[] = await q.orderBy('creation_date').orderBy('id').offset(params.offset).limit(params.limit);
    const children = await childrenOf(db, rows.map((t) => t.id));
    sendList(res, rows.map((t) => toTroubleTicket(t, children.get(t.id) ?? [])), Number(total?.n ?? 0), params.fields);
  });

  r.get('/troubleTicket/:id', allow('crm', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const params = parseListParams(req, []);
    const ticket = uuid.test(id) ? await loadTroubleTicket(db, id) : undefined;
    if (!ticket) throw notFound(`troubleTicket ${id}`);
    res.json(selectFields([ticket], params.fields)[0]);
  });

  /**
   * The requester's side of the flow: a note; `closed` confirms a resolved ticket; `inProgress`
   * reopens a resolved one; `cancelled` withdraws an unresolved one. The flow makes the change.
   */
  r.patch('/troubleTicket/:id', allow('crm', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const parsed = TroubleTicketPatch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const patch = parsed.data;
    const reason = patch.statusChangeReason ?? null;
    await db.transaction(async (trx) => {
      const t = uuid.test(id) ? await trx('trouble_tickets').where({ id }).forUpdate().first() as TicketRow | undefined : undefined;
      if (!t) throw notFound(`troubleTicket ${id}`);
      if (patch.status && t.role === 'master') throw conflict('a master ticket follows its reports; change the reports instead');
      const message = (name: string, variables: Record<string, unknown>) =>
        enqueue(trx, { kind: 'zeebe-message', messageId: `${name}:${id}:${Date.now()}`, name, correlationKey: id, variables, orderId: id });
      if (patch.status === 'closed') {
        if (t.status !== 'resolved') throw conflict(`only a resolved ticket can be confirmed; this one is ${t.status}`);
        await message('ticket-confirmed', { closeReason: reason ?? 'confirmed by the customer' });
      } else if (patch.status === 'inProgress') {
        if (t.status !== 'resolved') throw conflict(`only a resolved ticket can be reopened; this one is ${t.status}`);
        await message('ticket-reopened', { reopenReason: reason ?? 'reopened by the customer' });
      } else if (patch.status === 'cancelled') {
        if (!isOpen(t)) throw conflict(`a ${t.status} ticket cannot be cancelled`);
        await message('ticket-cancel-requested', { cancelReason: reason ?? 'cancelled by the requester' });
      }
      if (patch.note) {
        await trx('trouble_tickets').where({ id }).update({
          body: JSON.stringify({ ...t.body, note: [...(t.body.note ?? []), ...patch.note] }), last_update: trx.fn.now(),
        });
      }
      await recordEvent(trx, id, 'action', req.principal!.name, patch.status ? `requested: ${patch.status}` : 'note added', { reason });
    });
    deps.onOutboxWrite();
    res.json(await loadTroubleTicket(db, id));
  });

  r.post('/hub', allow('crm', 'dispatcher'), registerHub(db, 'troubleTicket', troubleTicketBase));
  r.delete('/hub/:id', allow('crm', 'dispatcher'), unregisterHub(db, 'troubleTicket'));
  return r;
}
