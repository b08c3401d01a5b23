import { createModelCache, getDeployment, versionLiveAt } from '../bpmn/deployments.js';
import { elementsOfStep, type ProcessModel } from '../bpmn/model.js';
import type { Db } from '../db/index.js';
import { flowOfKind, type BoardKind } from './board-row.js';
import { findBoardSubject } from './query.js';
import { createStepRater, worse, type Timing } from './step-timing.js';
import { slaContextOfSubject } from './subject-context.js';

export interface OrderProgress {
  orderId: string;
  kind: BoardKind;
  state: string;
  processId: string;
  version: number;
  definitionKey: string;
  xml: string;
  /** Where the subject is now: the call activity its open work orders run in, else its last step's element. */
  active: { elementId: string; step: string; since: string }[];
  /**
   * Every element the order has passed, with how often and how long it took in total, and how its
   * worst run did against its limit (and that run's limit); null where no limit applies.
   */
  passed: { elementId: string; count: number; totalMs: number; timing: Timing | null; limitMs: number | null }[];
}

/**
 * A subject's diagram (an order's, a ticket's …) with where it is and where it has been, for the dispatcher's page:
 * trace steps (job types, and steps of called flows) are mapped onto the BPMN elements of the
 * process version the order runs on.
 */
export function createProgressReader(db: Db) {
  const models = createModelCache(db);
  const jobTypesOfLatest = async (processId: string): Promise<Set<string>> => {
    const latest = await getDeployment(db, processId);
    const model = latest ? await models(latest) : undefined;
    return new Set(model ? model.jobTypes.values() : []);
  };

  return async function readProgress(orderId: string): Promise<OrderProgress | undefined> {
    const subject = await findBoardSubject(db, orderId);
    if (!subject) return undefined;
    const flow = flowOfKind[subject.kind];
    const steps = await db('trace_events').where({ order_id: orderId, kind: 'step' }).orderBy('id');
    const startedAt = steps[0]?.entered_at ?? new Date();
    const deployment = await versionLiveAt(db, flow, new Date(startedAt));
    if (!deployment) return undefined;
    const model = (await models(deployment)) as ProcessModel;
    const called = new Map<string, Set<string>>();
    for (const pid of new Set(model.calledProcesses.values())) called.set(pid, await jobTypesOfLatest(pid));
    const elementsOf = (step: string) => elementsOfStep(model, step, (pid) => called.get(pid) ?? new Set());

    const rateStep = await createStepRater(db, flow, orderId, await slaContextOfSubject(db, orderId));
    const passed = new Map<string, OrderProgress['passed'][number]>();
    for (const s of steps) {
      const ms = s.entered_at ? new Date(s.at).getTime() - new Date(s.entered_at).getTime() : 0;
      const rated = await rateStep(s);
      for (const elementId of elementsOf(s.step)) {
        const p = passed.get(elementId) ?? { elementId, count: 0, totalMs: 0, timing: null, limitMs: null };
        p.count++;
        p.totalMs += ms;
        if (worse(p.timing, rated.timing) !== p.timing) Object.assign(p, rated);
        passed.set(elementId, p);
      }
    }

    let active: OrderProgress['active'] = [];
    if (subject.open) {
      const open = await db('work_orders').where({ subject_id: orderId }).whereIn('state', ['acknowledged', 'inProgress']).min({ since: 'created_at' }).first();
      const last = steps.at(-1);
      const now = open?.since ? { step: 'work-order', since: open.since } : last ? { step: last.step, since: last.at } : null;
      if (now) active = elementsOf(now.step).map((elementId) => ({ elementId, step: now.step, since: new Date(now.since).toISOString() }));
    }
    return {
      orderId, kind: subject.kind, state: subject.state, processId: deployment.process_id, version: deployment.version, definitionKey: deployment.definition_key,
      xml: deployment.xml, active, passed: [...passed.values()],
    };
  };
}
