import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Db } from '../../src/db/index.js';
import { enqueue } from '../../src/outbox/index.js';
import { createTicket, TicketInputError } from '../../src/tickets/repository.js';
import { AlarmCreate, AlarmPatch } from '../../src/tickets/schema.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod, notFound } from '../errors.js';

export const alarmBase = '/tmf-api/alarm/v4';

interface AlarmRow {
  id: string;
  external_alarm_id: string;
  alarmed_object_id: string;
  perceived_severity: string;
  probable_cause: string | null;
  state: string;
  ticket_id: string | null;
  raised_at: Date;
  cleared_at: Date | null;
}

/** TMF642 Alarm with the trouble ticket it opened as a relatedEntity-like extension. */
function toAlarm(a: AlarmRow) {
  return {
    id: a.id,
    href: `${alarmBase}/alarm/${a.id}`,
    externalAlarmId: a.external_alarm_id,
    alarmedObject: { id: a.alarmed_object_id, '@referredType': 'Resource' },
    perceivedSeverity: a.perceived_severity,
    probableCause: a.probable_cause ?? undefined,
    state: a.state,
    alarmRaisedTime: new Date(a.raised_at).toISOString(),
    alarmClearedTime: a.cleared_at ? new Date(a.cleared_at).toISOString() : undefined,
    troubleTicket: a.ticket_id ? { id: a.ticket_id, href: `/tmf-api/troubleTicket/v4/troubleTicket/${a.ticket_id}` } : undefined,
    '@type': 'Alarm',
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Network-management alarms (网管报警, R1.2): a raised alarm opens a trouble ticket; a cleared one withdraws it. */
export function alarmRoutes(deps: { db: Db; onOutboxWrite: () => void }): Router {
  const { db } = deps;
  const r = Router();

  r.post('/alarm', allow('nms'), async (req, res) => {
    const parsed = AlarmCreate.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const a = parsed.data;
    const result = await db.transaction(async (trx) => {
      // The NMS resends alarms it is unsure we got: the same external id is the same alarm.
      const existing: AlarmRow | undefined = await trx('network_alarms').where({ external_alarm_id: a.externalAlarmId }).first();
      if (existing) return { alarm: existing, created: false };
      const id = randomUUID();
      let ticketId: string;
      try {
        ticketId = (await createTicket(trx, {
          description: a.specificProblem ?? a.probableCause ?? `Network alarm ${a.externalAlarmId}`,
          severity: a.perceivedSeverity,
          ticketType: 'networkAlarm',
          externalId: a.externalAlarmId,
          relatedEntity: [{ id: a.alarmedObject.id, role: 'affectedResource', '@referredType': 'Resource' }],
        }, { id: req.principal!.id, name: req.principal!.name }, { fromAlarm: true })).id;
      } catch (err) {
        if (err instanceof TicketInputError) throw badRequest(err.message);
        throw err;
      }
      const [alarm] = await trx('network_alarms').insert({
        id,
        external_alarm_id: a.externalAlarmId,
        alarmed_object_id: a.alarmedObject.id,
        perceived_severity: a.perceivedSeverity,
        probable_cause: a.probableCause ?? null,
        state: 'raised',
        ticket_id: ticketId,
        body: JSON.stringify(a),
        raised_at: a.alarmRaisedTime ?? new Date(),
      }).returning('*');
      return { alarm, created: true };
    });
    if (result.created) deps.onOutboxWrite();
    res.status(result.created ? 201 : 200).location(`${alarmBase}/alarm/${result.alarm.id}`).json(toAlarm(result.alarm));
  });

  r.get('/alarm/:id', allow('nms', 'dispatcher'), async (req, res) => {
    const id = String(req.params.id);
    const alarm = uuid.test(id) ? await db('network_alarms').where({ id }).first() : undefined;
    if (!alarm) throw notFound(`alarm ${id}`);
    res.json(toAlarm(alarm));
  });

  r.patch('/alarm/:id', allow('nms'), async (req, res) => {
    const id = String(req.params.id);
    const parsed = AlarmPatch.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const alarm = await db.transaction(async (trx) => {
      const a: AlarmRow | undefined = uuid.test(id) ? await trx('network_alarms').where({ id }).forUpdate().first() : undefined;
      if (!a) throw notFound(`alarm ${id}`);
      if (a.state === 'cleared') throw conflict('the alarm is already cleared');
      const clearing = parsed.data.state === 'cleared';
      const [row] = await trx('network_alarms').where({ id }).update({
        state: clearing ? 'cleared' : 'updated',
        perceived_severity: parsed.data.perceivedSeverity ?? a.perceived_severity,
        cleared_at: clearing ? parsed.data.alarmClearedTime ?? new Date() : null,
        updated_at: trx.fn.now(),
      }).returning('*');
      if (clearing && a.ticket_id) {
        await enqueue(trx, {
          kind: 'zeebe-message', messageId: `alarm-cleared:${a.ticket_id}`, name: 'alarm-cleared', correlationKey: a.ticket_id, variables: {}, orderId: a.ticket_id,
        });
      }
      return row;
    });
    deps.onOutboxWrite();
    res.json(toAlarm(alarm));
  });
  return r;
}
