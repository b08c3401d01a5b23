/** What a `trace` server-sent event carries; shared with the browser app (modeler-ui). */
export interface TraceNotice {
  id: number;
  orderId: string;
  kind: string;
  step: string | null;
  outcome: string | null;
  at: string;
}

/** Which console list changed: a deadline, an alarm, or the exception queue (an incident). */
export type ConsoleTopic = 'deadline' | 'alarm' | 'exception';

/** What a `deadline`, `alarm` or `exception` event carries: enough to know what to read again. */
export interface ConsoleNotice {
  topic: ConsoleTopic;
  /** The deadline's or alarm's id, the incident's key. */
  id: string;
  /** The order (ticket, command …) of a deadline or alarm; null for an incident. */
  subjectId: string | null;
  state: string;
}

/** One server-sent event as the feed hands it on: its event name and its data. */
export type LiveNotice = { event: 'trace'; data: TraceNotice } | { event: ConsoleTopic; data: ConsoleNotice };
