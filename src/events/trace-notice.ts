/** What a `trace` server-sent event carries; shared with the browser app (modeler-ui). */
export interface TraceNotice {
  id: number;
  orderId: string;
  kind: string;
  step: string | null;
  outcome: string | null;
  at: string;
}
