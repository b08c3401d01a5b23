/**
 * A diagram opened from a file or started new lives here until it is deployed, so the editor
 * (a separate, lazily loaded page) can pick it up by process id.
 */
const keyOf = (processId: string) => `designer.draft.${processId}`;

export const drafts = {
  get: (processId: string) => sessionStorage.getItem(keyOf(processId)),
  put: (processId: string, xml: string) => sessionStorage.setItem(keyOf(processId), xml),
  drop: (processId: string) => sessionStorage.removeItem(keyOf(processId)),
};

/** The id of the first process in a BPMN document, or null when it has none. */
export function processIdOf(xml: string): string | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const process = doc.getElementsByTagNameNS('http://www.omg.org/spec/BPMN/20100524/MODEL', 'process')[0];
  return process?.getAttribute('id') ?? null;
}

/** A new flow, carrying the execution-platform attributes the linter and Camunda Modeler read. */
export function newDiagram(processId: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Production Dispatch designer" exporterVersion="1.0" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="${processId}" name="${name.replace(/[<&"]/g, '')}" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1" name="Started" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
