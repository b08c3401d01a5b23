import { constructionWorkSubject } from '../construction/work-subject.js';
import type { Db, Tx } from '../db/index.js';
import { orderWithSlaContext } from '../orders/sla-context.js';
import type { SlaContext } from '../sla/policies.js';

export const SUBJECT_TYPES = ['productOrder', 'troubleTicket', 'constructionOrder'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** What a work order needs to know about what it is for: where, how urgent, under whose time limits. */
export interface WorkSubject {
  /** The flow whose time-limit policies the work runs under. */
  flow: string;
  area: string | null;
  context: SlaContext;
  emergency: boolean;
  brief: string | null;
  orderId: string | null;
  businessResourceId: string | null;
}

type Conn = Db | Tx;
type SubjectLoader = (conn: Conn, subjectId: string, scopeKey: string) => Promise<WorkSubject | undefined>;

const loaders: Record<SubjectType, SubjectLoader> = {
  productOrder: async (conn, orderId, businessResourceId) => {
    const order = await orderWithSlaContext(conn, orderId);
    if (!order) return undefined;
    return {
      flow: 'order-fulfillment',
      area: order.area,
      context: order.context,
      emergency: false,
      brief: null,
      orderId,
      businessResourceId,
    };
  },
  troubleTicket: async (conn, ticketId) => {
    const t = await conn('trouble_tickets as t')
      .leftJoin('customers as c', 'c.id', 't.customer_id')
      .leftJoin('network_resources as e', 'e.id', conn.raw('coalesce(t.element_id, t.affected_resource_id)'))
      .where('t.id', ticketId)
      .first('t.area', 't.priority', 't.major_incident', 't.description', 'c.tier', 'c.vip', 'e.name as element_name');
    if (!t) return undefined;
    return {
      flow: 'fault-repair',
      area: t.area,
      context: { tier: t.tier ?? null, vip: t.vip ?? null, priority: t.priority },
      emergency: t.major_incident,
      brief: t.element_name ? `${t.description} (${t.element_name})` : t.description,
      orderId: null,
      businessResourceId: null,
    };
  },
  // Its scope key is the site and the build round: one work order per site, round and kind.
  constructionOrder: constructionWorkSubject,
};

export async function loadWorkSubject(conn: Conn, type: SubjectType, subjectId: string, scopeKey: string): Promise<WorkSubject> {
  const subject = await loaders[type](conn, subjectId, scopeKey);
  if (!subject) throw new Error(`${type} ${subjectId} does not exist`);
  return subject;
}
