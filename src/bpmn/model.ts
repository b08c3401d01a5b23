// @ts-expect-error -- bpmn-moddle's main entry ships no type declarations
import { BpmnModdle } from 'bpmn-moddle';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };

interface Element {
  $type: string;
  id: string;
  name?: string;
  flowElements?: Element[];
  rootElements?: Element[];
  sourceRef?: { id: string };
  targetRef?: { id: string };
  extensionElements?: { values?: { $type: string; type?: string; processId?: string }[] };
}

/** What the dispatch screens need to know about one process of a diagram. */
export interface ProcessModel {
  id: string;
  name: string | null;
  /** Element id → the job type its worker takes (`zeebe:taskDefinition type`). */
  jobTypes: Map<string, string>;
  /** Element id → the process id a call activity starts (`zeebe:calledElement processId`). */
  calledProcesses: Map<string, string>;
  /** Element id → the element's name, for labels. */
  names: Map<string, string>;
  /** Element id → the elements its outgoing sequence flows lead to (where a skipped step's token goes). */
  outgoing: Map<string, string[]>;
}

const moddle = new (BpmnModdle as new (packages: Record<string, unknown>) => { fromXML(xml: string): Promise<{ rootElement: Element }> })({ zeebe: zeebeModdle });

function collect(element: Element, into: ProcessModel): void {
  for (const child of element.flowElements ?? []) {
    if (child.name) into.names.set(child.id, child.name);
    if (child.$type === 'bpmn:SequenceFlow' && child.sourceRef && child.targetRef) {
      into.outgoing.set(child.sourceRef.id, [...(into.outgoing.get(child.sourceRef.id) ?? []), child.targetRef.id]);
    }
    for (const ext of child.extensionElements?.values ?? []) {
      if (ext.$type === 'zeebe:TaskDefinition' && ext.type) into.jobTypes.set(child.id, ext.type);
      if (ext.$type === 'zeebe:CalledElement' && ext.processId) into.calledProcesses.set(child.id, ext.processId);
    }
    collect(child, into);
  }
}

/** The executable processes of a BPMN document, with the job types and called processes of their elements. */
export async function readProcesses(xml: string): Promise<ProcessModel[]> {
  const { rootElement } = await moddle.fromXML(xml);
  return (rootElement.rootElements ?? [])
    .filter((e) => e.$type === 'bpmn:Process')
    .map((p) => {
      const model: ProcessModel = {
        id: p.id, name: p.name ?? null, jobTypes: new Map(), calledProcesses: new Map(), names: new Map(), outgoing: new Map(),
      };
      collect(p, model);
      return model;
    });
}

/**
 * The elements of `model` where a trace step happened. A step is a job type (`order.review`), a
 * called process (`work-order`, while crews work) or a step of one (`work-order:line`,
 * `work-order.dispatch`): those happen inside the call activity, which is what this diagram shows.
 */
export function elementsOfStep(model: ProcessModel, step: string, jobTypesOfCalled: (processId: string) => Set<string>): string[] {
  const direct = [...model.jobTypes].filter(([, type]) => type === step).map(([id]) => id);
  if (direct.length) return direct;
  const prefix = step.split(':')[0]!;
  return [...model.calledProcesses]
    .filter(([, called]) => called === step || called === prefix || jobTypesOfCalled(called).has(step))
    .map(([id]) => id);
}
