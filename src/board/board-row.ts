/** What the dispatcher board lists: every flow's subject; shared with the browser app (modeler-ui). */
export const boardKinds = ['productOrder', 'troubleTicket', 'suspension', 'constructionOrder'] as const;
export type BoardKind = (typeof boardKinds)[number];

/** The flow each kind of subject runs; its step names are that flow's. */
export const flowOfKind: Record<BoardKind, string> = {
  productOrder: 'order-fulfillment',
  troubleTicket: 'fault-repair',
  suspension: 'suspend-resume',
  constructionOrder: 'construction',
};

/** One subject on the dispatcher board. */
export interface BoardRow {
  kind: BoardKind;
  id: string;
  /** The requester's own reference: CRM order id, ticket's external id, billing's event id. */
  externalId: string | null;
  /** Whom it is for: the customer, the subscriber, or the construction request's source. */
  customerId: string | null;
  title: string | null;
  state: string;
  area: string | null;
  priority: number | null;
  currentStep: string | null;
  stepSince: string | null;
  openWorkOrders: number;
  createdAt: string;
  ageSeconds: number;
}
