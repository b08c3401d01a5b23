import type { Zeebe } from '../../src/zeebe/client.js';

/** Deploys start → one service task of `jobType` → end: the least a test of job handling needs from the broker. */
export async function deployOneTaskProcess(zeebe: Zeebe, processId: string, jobType: string): Promise<void> {
  await zeebe.deployResource({
    name: `${processId}.bpmn`,
    process: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="step" />
    <bpmn:serviceTask id="step"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="3" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="step" targetRef="end" /><bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`),
  });
}
