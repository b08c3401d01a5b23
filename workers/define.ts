import type { z } from 'zod';
import type { Logger } from '../src/log/index.js';

/** A modelled business outcome: thrown as a BPMN error that a boundary event in the diagram catches. */
export class BusinessError extends Error {
  constructor(readonly code: string, message: string, readonly variables: Record<string, unknown> = {}) {
    super(message);
  }
}

/** Nothing a retry would change and no outcome the diagram models: an incident at once, for a person to decide in the exception queue. */
export class NeedsPerson extends Error {}

export interface JobContext {
  jobKey: string;
  processInstanceKey: string;
  /** Unique per activation of the element: a step entered again (a loop) gets a new one, a redelivered job the same. */
  elementInstanceKey: string;
  retries: number;
  log: Logger;
}

export interface WorkerDefinition<S extends z.ZodTypeAny = z.ZodTypeAny> {
  /** The BPMN task type (`zeebe:taskDefinition type`); search for it to find this module. */
  taskType: string;
  variables: S;
  handle(vars: z.infer<S>, ctx: JobContext): Promise<Record<string, unknown> | void>;
}

export function defineWorker<S extends z.ZodTypeAny>(def: WorkerDefinition<S>): WorkerDefinition<S> {
  return def;
}
