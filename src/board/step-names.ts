import { createModelCache, getDeployment } from '../bpmn/deployments.js';
import { elementsOfStep } from '../bpmn/model.js';
import type { Db } from '../db/index.js';
import { orderFlow } from './query.js';

/**
 * Step names as the designer wrote them in the newest order flow (`order.review` → "Review
 * order", `work-order` → "Field work"), so the board speaks the diagram's language.
 */
export function createStepNamer(db: Db) {
  const models = createModelCache(db);
  return async function stepNames(): Promise<(step: string | null) => string | null> {
    const latest = await getDeployment(db, orderFlow);
    const model = latest ? await models(latest) : undefined;
    return (step) => {
      if (!step || !model) return null;
      const id = elementsOfStep(model, step, () => new Set())[0];
      return (id && model.names.get(id)) ?? null;
    };
  };
}
