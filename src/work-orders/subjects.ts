import { constructionWorkSubject } from '../construction/work-subject.js';
import type { Db, Tx } from '../db/index.js';
import { slaContextOfOrder } from '../orders/sla-context.js';
import type { SlaContext } from '../sla/policies.js';

export const SUBJECT_TYPES = ['productOrder', 'constructionOrder'] as const;
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
    const order = await conn('product_orders').where({ id: orderId }).first('area');
    if (!order) return undefined;
    return {
      flow: 'order-fulfillment',
      area: order.area,
      context: await slaContextOfOrder(conn, orderId),
      emergency: false,
      brief: null,
      orderId,
      businessResourceId,
    };
  },
  // scope key: the site
  constructionOrder: constructionWorkSubject,
};

export async function loadWorkSubject(conn: Conn, type: SubjectType, subjectId: string, scopeKey: string): Promise<WorkSubject> {
  const subject = await loaders[type](conn, subjectId, scopeKey);
  if (!subject) throw new Error(`${type} ${subjectId} does not exist`);
  return subject;
}
