import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../src/db/index.js';
import { openIncidents, retryIncident } from '../../src/engine/incidents.js';
import { activeElements, getProcessInstance, isProcessInstanceActive } from '../../src/engine/instances.js';
import { createZeebe, type Zeebe } from '../../src/zeebe/client.js';
import { waitFor } from '../support/http.js';

// Test-only processes, deployed from here: nothing in processes/ and no service worker knows them.
const FLAKY_PROCESS = 'test-exporter-flaky';
const FLAKY_JOB = 'test.exporter.flaky';
const WAIT_PROCESS = 'test-exporter-wait';
const GO_MESSAGE = 'test-exporter-go';

function bpmn(processId: string, flowNodes: string, flows: [string, string][]): Buffer {
  const sequence = flows.map(([from, to]) => `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}" />`).join('');
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs-${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">${flowNodes}${sequence}</bpmn:process>
  <bpmn:message id="go" name="${GO_MESSAGE}"><bpmn:extensionElements><zeebe:subscription correlationKey="=corr" /></bpmn:extensionElements></bpmn:message>
</bpmn:definitions>`);
}

let db: Db;
let zeebe: Zeebe;

before(async () => {
  db = createDb(process.env.DATABASE_URL!, { min: 0, max: 2 });
  zeebe = createZeebe(process.env.ZEEBE_GRPC_ADDRESS!);
  await zeebe.deployResource({
    name: `${FLAKY_PROCESS}.bpmn`,
    process: bpmn(
      FLAKY_PROCESS,
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="flaky-step"><bpmn:extensionElements><zeebe:taskDefinition type="${FLAKY_JOB}" retries="1" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />`,
      [['start', 'flaky-step'], ['flaky-step', 'end']],
    ),
  });
  await zeebe.deployResource({
    name: `${WAIT_PROCESS}.bpmn`,
    process: bpmn(
      WAIT_PROCESS,
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait-for-go"><bpmn:messageEventDefinition messageRef="go" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />`,
      [['start', 'wait-for-go'], ['wait-for-go', 'end']],
    ),
  });
});
after(async () => {
  await zeebe?.close();
  await db?.destroy();
});

async function activateOne(): Promise<{ key: string }> {
  return waitFor('a job to activate', async () => {
    const jobs = await zeebe.activateJobs({ type: FLAKY_JOB, worker: 'exporter-test', timeout: 30_000, maxJobsToActivate: 1, requestTimeout: 5_000 });
    return jobs[0];
  }, 30_000, 0);
}

/** Polls closely so the time it returns is the export lag, not the polling interval. */
async function timed<T>(what: string, probe: () => Promise<T | undefined | null | false>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await waitFor(what, probe, 10_000, 10);
  return { value, ms: Date.now() - t0 };
}

test('a job out of retries shows up as an incident with its job key, and retrying it from TypeScript completes the instance', async (t) => {
  const { processInstanceKey } = await zeebe.createProcessInstance({ bpmnProcessId: FLAKY_PROCESS, variables: {} });
  const job = await activateOne();
  await zeebe.failJob({ jobKey: job.key, retries: 0, errorMessage: 'exchange EX-17 timed out', retryBackOff: 0 });

  const { value: incidents, ms } = await timed('the incident row', async () => {
    const open = await openIncidents(db, { processInstanceKey });
    return open.length ? open : undefined;
  });
  t.diagnostic(`incident visible ${ms} ms after the job failed`);
  assert.equal(incidents.length, 1);
  const [incident] = incidents;
  assert.equal(incident!.jobKey, job.key);
  assert.equal(incident!.elementId, 'flaky-step');
  assert.equal(incident!.errorType, 'JOB_NO_RETRIES');
  assert.equal(incident!.errorMessage, 'exchange EX-17 timed out');
  assert.equal(incident!.bpmnProcessId, FLAKY_PROCESS);
  assert.ok(incident!.createdAt instanceof Date);
  const failedJob = await db('zeebe_jobs').where({ key: job.key }).first();
  assert.deepEqual(
    { state: failedJob.state, retries: failedJob.retries, error: failedJob.error_message, element: failedJob.element_id, instance: failedJob.process_instance_key },
    { state: 'failed', retries: 0, error: 'exchange EX-17 timed out', element: 'flaky-step', instance: processInstanceKey },
  );
  assert.equal(await isProcessInstanceActive(db, processInstanceKey), true);
  assert.deepEqual((await activeElements(db, processInstanceKey)).map((e) => `${e.elementType}:${e.elementId}`), ['SERVICE_TASK:flaky-step']);

  // The dispatcher fixed the data: retry the step.
  await retryIncident(zeebe, incident!);
  await waitFor('the incident resolved', async () => {
    const row = await db('zeebe_incidents').where({ key: incident!.key }).first();
    return row.state === 'resolved' && row.resolved_time;
  }, 10_000, 20);
  assert.deepEqual(await openIncidents(db, { processInstanceKey }), []);

  const again = await activateOne();
  assert.equal(again.key, job.key, 'the same job, with its retries raised');
  await zeebe.completeJob({ jobKey: again.key, variables: {} });
  const { value: done } = await timed('the instance completed', async () => {
    const pi = await getProcessInstance(db, processInstanceKey);
    return pi?.state === 'completed' ? pi : undefined;
  });
  assert.equal(done.bpmnProcessId, FLAKY_PROCESS);
  assert.equal(done.parentProcessInstanceKey, null);
  assert.ok(done.startedAt && done.endedAt && done.endedAt >= done.startedAt);
  assert.deepEqual(await activeElements(db, processInstanceKey), []);
  assert.equal((await db('zeebe_jobs').where({ key: job.key }).first()).state, 'completed');
  // Within one millisecond the start event and the task tie on start_time; keys are handed out in activation order.
  const steps = await db('zeebe_element_instances').where({ process_instance_key: processInstanceKey }).orderBy([{ column: 'start_time' }, { column: 'key' }]);
  assert.deepEqual(steps.map((s) => `${s.element_id}:${s.state}`), ['start:completed', 'flaky-step:completed', 'end:completed']);
});

test('an instance waiting at a message catch event shows that event as its active element until the message comes', async (t) => {
  const corr = randomUUID();
  const { processInstanceKey } = await zeebe.createProcessInstance({ bpmnProcessId: WAIT_PROCESS, variables: { corr } });
  const { value: active, ms } = await timed('the waiting element', async () => {
    const els = await activeElements(db, processInstanceKey);
    return els.length ? els : undefined;
  });
  t.diagnostic(`active element visible ${ms} ms after the instance was created`);
  assert.deepEqual(
    active.map((e) => ({ elementId: e.elementId, elementType: e.elementType, bpmnProcessId: e.bpmnProcessId, processInstanceKey: e.processInstanceKey })),
    [{ elementId: 'wait-for-go', elementType: 'INTERMEDIATE_CATCH_EVENT', bpmnProcessId: WAIT_PROCESS, processInstanceKey }],
  );
  assert.equal(await isProcessInstanceActive(db, processInstanceKey), true);

  await zeebe.publishMessage({ name: GO_MESSAGE, correlationKey: corr, variables: {}, timeToLive: 10_000 });
  await timed('the instance completed', async () => (await getProcessInstance(db, processInstanceKey))?.state === 'completed');
  assert.equal(await isProcessInstanceActive(db, processInstanceKey), false);
  assert.deepEqual(await activeElements(db, processInstanceKey), []);
});
