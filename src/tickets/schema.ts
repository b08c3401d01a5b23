import { z } from 'zod';

const Note = z.object({
  id: z.string().max(100).optional(),
  author: z.string().max(200).optional(),
  date: z.string().max(40).optional(),
  text: z.string().min(1).max(4000),
}).passthrough();

/** TMF's EntityRef / RelatedParty: the same reference shape for a resource and for a party. */
const Reference = z.object({
  id: z.string().min(1).max(200),
  href: z.string().max(500).optional(),
  name: z.string().max(200).optional(),
  role: z.string().max(100).optional(),
  '@referredType': z.string().max(100).optional(),
}).passthrough();

/**
 * TMF621 TroubleTicket_Create. `status` is accepted and ignored: the flow decides a ticket's
 * status. The affected resource is a relatedEntity with role `affectedResource` (a network
 * resource id from TMF639); the customer a relatedParty with role `customer`.
 */
export const TroubleTicketCreate = z.object({
  description: z.string().min(1).max(4000),
  severity: z.string().min(1).max(50),
  ticketType: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
  externalId: z.string().max(200).optional(),
  status: z.string().max(50).optional(),
  channel: z.object({ id: z.string().max(100).optional(), name: z.string().max(100).optional() }).passthrough().optional(),
  requestedResolutionDate: z.string().datetime({ offset: true }).optional(),
  note: z.array(Note).max(50).optional(),
  relatedEntity: z.array(Reference).max(50).optional(),
  relatedParty: z.array(Reference).max(50).optional(),
  attachment: z.array(z.object({}).passthrough()).max(20).optional(),
  '@type': z.string().max(100).optional(),
  '@baseType': z.string().max(100).optional(),
  '@schemaLocation': z.string().max(500).optional(),
}).strict();
export type TroubleTicketCreate = z.infer<typeof TroubleTicketCreate>;

/** What a CRM may change: add notes, confirm the repair (closed), reopen a resolved ticket (inProgress), or cancel. */
export const TroubleTicketPatch = z.object({
  status: z.enum(['closed', 'inProgress', 'cancelled']).optional(),
  statusChangeReason: z.string().max(2000).optional(),
  note: z.array(Note).max(50).optional(),
}).strict().refine((p) => p.status || p.note, { message: 'nothing to change: give status or note' });
export type TroubleTicketPatch = z.infer<typeof TroubleTicketPatch>;

/** TMF642 Alarm as the NMS posts it: raised (or updated) on an alarmed object from the inventory. */
export const AlarmCreate = z.object({
  externalAlarmId: z.string().min(1).max(200),
  alarmedObject: z.object({ id: z.string().uuid(), '@referredType': z.string().max(100).optional() }).passthrough(),
  perceivedSeverity: z.enum(['critical', 'major', 'minor', 'warning', 'indeterminate', 'cleared']),
  probableCause: z.string().max(200).optional(),
  alarmType: z.string().max(100).optional(),
  specificProblem: z.string().max(1000).optional(),
  state: z.enum(['raised', 'updated']).optional(),
  alarmRaisedTime: z.string().datetime({ offset: true }).optional(),
  '@type': z.string().max(100).optional(),
}).strict();
export type AlarmCreate = z.infer<typeof AlarmCreate>;

export const AlarmPatch = z.object({
  state: z.literal('cleared').optional(),
  perceivedSeverity: z.enum(['critical', 'major', 'minor', 'warning', 'indeterminate']).optional(),
  alarmClearedTime: z.string().datetime({ offset: true }).optional(),
}).strict().refine((p) => p.state || p.perceivedSeverity, { message: 'nothing to change: give state cleared or perceivedSeverity' });
