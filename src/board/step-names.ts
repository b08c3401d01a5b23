import { createModelCache, getDeployment } from '../bpmn/deployments.js';
import { elementsOfStep, type ProcessModel } from '../bpmn/model.js';
import type { Db } from '../db/index.js';
import { flowOfKind } from './board-row.js';

const orderFlow = flowOfKind.productOrder;

/**
 * Step names as the designer wrote them in a flow's newest version (`order.review` → "Review
 * order", `work-order` → "Field work"), so the board speaks the diagram's language.
 */
export function createStepNamer(db: Db) {
  const models = createModelCache(db);
  return async function stepNames(flows: readonly string[] = [orderFlow]): Promise<(step: string | null, flow?: string) => string | null> {
    const byFlow = new Map<string, ProcessModel>();
    for (const flow of new Set(flows)) {
      const latest = await getDeployment(db, flow);
      const model = latest ? await models(latest) : undefined;
      if (model) byFlow.set(flow, model);
    }
    return (step, flow = orderFlow) => {
      const model = byFlow.get(flow);
      if (!step || !model) return null;
      const id = elementsOfStep(model, step, () => new Set())[0];
      return (id && model.names.get(id)) ?? null;
    };
  };
}
