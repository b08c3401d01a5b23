import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApiKey } from '../../src/auth/keys.js';
import { startNetworkSimulator, type NetworkSimulator } from '../../src/network/simulator.js';
import { createTestArea, WORK_ORDER_PATH } from '../support/fixtures.js';
import { startHubReceiver } from '../support/hub-receiver.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const TT = '/tmf-api/troubleTicket/v4/troubleTicket';
const ALARM = '/tmf-api/alarm/v4/alarm';

let network: NetworkSimulator;
before(async () => {
  network = await startNetworkSimulator();
});
after(() => network.close());

const { svc, call } = serviceForThisFile({
  workerEnv: {
    get NETWORK_ELEMENTS_URL() {
      return network.url;
    },
    NETWORK_TIMEOUT_MS: '1000',
    FAULT_GATHER_SECONDS: '3',
    FAULT_MAJOR_INCIDENT_REPORTS: '3',
    TICKET_AUTO_CLOSE_SECONDS: '2',
  } as Record<string, string>,
});

const ticket = async (id: string) => (await call('GET', `${TT}/${id}`, { key: svc.keys.crm })).body;
const waitStatus = (id: string, status: string, ms = 45_000) =>
  waitFor(`ticket ${id} ${status}`, async () => (await ticket(id)).status === status, ms);

/** A splitter with its ports, each port a customer's line, in a fresh area with its own crews. */
async function splitterWithLines(n: number) {
  const { area } = await createTestArea(svc.db, {});
  const [splitter] = await svc.db('network_resources').insert({ type: 'splitter', area, name: `SPL-${area}` }).returning('id');
  const ports = await svc.db('network_resources')
    .insert(Array.from({ length: n }, (_, i) => ({ type: 'splitter_port', area, name: `SPL-${area}:${i + 1}`, parent_id: splitter.id })))
    .returning('id');
  return { area, splitter: splitter.id as string, ports: ports.map((p) => p.id as string) };
}

const report = (resourceId: string, customer = 'cust-1001') => call('POST', TT, {
  key: svc.keys.crm,
  body: {
    description: 'No internet since this morning', severity: 'major', ticketType: 'connectivity',
    relatedEntity: [{ id: resourceId, role: 'affectedResource', '@referredType': 'Resource' }],
    relatedParty: [{ id: customer, role: 'customer' }],
  },
});

async function answerTasks(post: string, data: Record<string, unknown>, subjectIds: string[]) {
  const { key } = await createApiKey(svc.db, { name: `${post} agent`, roles: ['dispatcher'], posts: [post] });
  for (const id of subjectIds) {
    const task = await waitFor(`${post} task for ${id}`, async () =>
      ((await call('GET', `/api/v1/tasks?post=${post}&subjectId=${id}`, { key })).body as any[])[0], 45_000);
    const done = await call('POST', `/api/v1/tasks/${task.id}/complete`, { key, body: { data } });
    assert.equal(done.status, 200, JSON.stringify(done.body));
  }
}

test('three fault reports on lines behind one splitter become one master ticket with one repair; its close resolves all three, each customer is called back', async () => {
  const { splitter, ports } = await splitterWithLines(3);
  network.setFaulty(splitter, true);
  const reports: string[] = [];
  for (const port of ports) {
    const r = await report(port);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    reports.push(r.body.id);
  }

  // Each report was line-tested and merged under one master for the splitter.
  const masterId = await waitFor('one master for all three', async () => {
    const rows = await svc.db('trouble_tickets').whereIn('id', reports).select('master_id');
    return rows.every((r) => r.master_id) && new Set(rows.map((r) => r.master_id)).size === 1 ? rows[0]!.master_id as string : undefined;
  }, 45_000);
  const master = await ticket(masterId);
  assert.deepEqual(master.troubleTicketRelationship.map((r: any) => r.relationshipType), ['isParent', 'isParent', 'isParent']);
  assert.equal(network.lineTests.length, 3);

  // One repair work order, for the master, dispatched as an emergency: three reports make a major incident here.
  const [wo] = await waitFor('the repair work order', async () => {
    const list = (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${masterId}`, { key: svc.keys.dispatcher })).body as any[];
    return list.length ? list : undefined;
  }, 45_000);
  assert.equal(wo.category, 'repair');
  assert.equal(wo.priority, 'emergency');
  for (const id of reports) {
    const list = (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher })).body as any[];
    assert.equal(list.length, 0, 'no report gets a work order of its own');
  }

  // The crew closes it; the master and every report are resolved.
  const crew = await svc.crewKey(wo.relatedParty[0].id);
  const closed = await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, {
    key: crew, body: { state: 'completed', measurements: { cause: 'splitter water damage, replaced', opticalPowerDbm: -19.2 } },
  });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  for (const id of reports) await waitStatus(id, 'resolved');
  assert.match((await ticket(reports[0]!)).resolution, /splitter|Resolved with master/);

  // Nobody confirms: each closes by itself, and the callback desk calls every customer back.
  await answerTasks('callback-desk', { reached: true, satisfaction: 5 }, reports);
  for (const id of reports) {
    await waitFor(`survey of ${id}`, async () => (await ticket(id)).survey?.satisfaction === 5, 45_000);
    assert.equal((await ticket(id)).status, 'closed');
  }
});

test('an NMS alarm raised and cleared before dispatch closes its ticket without a work order', async () => {
  const { splitter } = await splitterWithLines(1);
  const raised = await call('POST', ALARM, {
    key: svc.keys.nms,
    body: { externalAlarmId: `LOS-${splitter}`, alarmedObject: { id: splitter }, perceivedSeverity: 'major', probableCause: 'lossOfSignal' },
  });
  assert.equal(raised.status, 201, JSON.stringify(raised.body));
  const again = await call('POST', ALARM, {
    key: svc.keys.nms,
    body: { externalAlarmId: `LOS-${splitter}`, alarmedObject: { id: splitter }, perceivedSeverity: 'major' },
  });
  assert.equal(again.status, 200);
  assert.equal(again.body.id, raised.body.id);
  const ticketId = raised.body.troubleTicket.id;

  const cleared = await call('PATCH', `${ALARM}/${raised.body.id}`, { key: svc.keys.nms, body: { state: 'cleared' } });
  assert.equal(cleared.status, 200);
  await waitStatus(ticketId, 'closed');
  const t = await svc.db('trouble_tickets').where({ id: ticketId }).first();
  await waitStatus(t.master_id, 'closed');
  const workOrders = await svc.db('work_orders').whereIn('subject_id', [ticketId, t.master_id]);
  assert.equal(workOrders.length, 0);
});

test('bad trouble tickets are refused with 400 and nothing is stored', async () => {
  const before = (await svc.db('trouble_tickets').count({ n: '*' }).first())!.n;
  const missingType = await call('POST', TT, { key: svc.keys.crm, body: { description: 'x', severity: 'High' } });
  assert.equal(missingType.status, 400);
  const badNote = await call('POST', TT, { key: svc.keys.crm, body: { description: 'x', severity: 'High', ticketType: 'problem', note: { author: 'a' } } });
  assert.equal(badNote.status, 400);
  const unknownResource = await call('POST', TT, {
    key: svc.keys.crm, body: { description: 'x', severity: 'High', ticketType: 'problem', relatedEntity: [{ id: '00000000-0000-4000-8000-000000000000', role: 'affectedResource' }] },
  });
  assert.equal(unknownResource.status, 400);
  assert.equal((await svc.db('trouble_tickets').count({ n: '*' }).first())!.n, before);
});

async function customer(tier: string) {
  const id = `cust-${tier}-${Math.random().toString(36).slice(2, 8)}`;
  await svc.db('customers').insert({ id, name: `A ${tier} customer`, tier });
  return id;
}

test('a gold customer\'s fault gets the shorter restore limit; passing it raises the alarm and escalates', async () => {
  // Priority 1 (major × gold) restores within 4 s here; an ordinary customer's major fault is priority 2 (8 h).
  const policy = await call('POST', '/api/v1/sla-policies', {
    key: svc.keys.admin,
    body: { flow: 'fault-repair', step: 'restore', customerTier: 'gold', priority: 1, limitSeconds: 4, preAlarmSeconds: 2, escalateAfterSeconds: 2, post: 'repair-desk' },
  });
  assert.equal(policy.status, 201, JSON.stringify(policy.body));
  try {
    const { splitter, ports } = await splitterWithLines(2);
    network.setFaulty(splitter, true);
    const gold = (await report(ports[0]!, await customer('gold'))).body;
    const ordinary = (await report(ports[1]!, await customer('ordinary'))).body;
    assert.equal(gold.priority, '1');
    assert.equal(ordinary.priority, '2');

    const limitOf = async (id: string) => waitFor(`restore limit of ${id}`, async () =>
      (await call('GET', `/api/v1/deadlines?subjectId=${id}&step=restore`, { key: svc.keys.dispatcher })).body[0], 45_000);
    assert.ok((await limitOf(gold.id)).remainingSeconds <= 4);
    assert.ok((await limitOf(ordinary.id)).remainingSeconds > 3600);

    const alarms = await waitFor('pre-alarm, alarm and escalation of the gold ticket', async () => {
      const a = (await call('GET', `/api/v1/alarms?subjectId=${gold.id}`, { key: svc.keys.dispatcher })).body.filter((x: any) => x.step === 'restore');
      return a.find((x: any) => x.level === 'alarm')?.escalatedTo ? a : undefined;
    }, 45_000);
    assert.deepEqual(alarms.map((a: any) => a.level).sort(), ['alarm', 'pre-alarm']);
    assert.equal(alarms.find((a: any) => a.level === 'alarm').escalatedTo, 'dispatch-supervisor');
    assert.equal((await call('GET', `/api/v1/alarms?subjectId=${ordinary.id}`, { key: svc.keys.dispatcher })).body.length, 0);

    // The repair ends it all: the tickets resolve, the alarms clear.
    const masterId = (await svc.db('trouble_tickets').where({ id: gold.id }).first()).master_id;
    const [wo] = await waitFor('the repair', async () => {
      const list = (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${masterId}`, { key: svc.keys.dispatcher })).body as any[];
      return list.length ? list : undefined;
    }, 45_000);
    const crew = await svc.crewKey(wo.relatedParty[0].id);
    await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew, body: { state: 'completed', measurements: { cause: 'fibre cut', opticalPowerDbm: -20 } } });
    await waitStatus(gold.id, 'resolved');
    await waitFor('alarms cleared', async () =>
      (await call('GET', `/api/v1/alarms?subjectId=${gold.id}`, { key: svc.keys.dispatcher })).body.every((a: any) => a.state === 'cleared'), 30_000);
    await answerTasks('callback-desk', { reached: false }, [gold.id, ordinary.id]);
  } finally {
    await call('DELETE', `/api/v1/sla-policies/${policy.body.id}`, { key: svc.keys.admin });
  }
});

test('the line tester times out → retries → exception queue; once it answers, a retry completes the ticket; the customer reopens it and a crew repairs it', async () => {
  await svc.restartWorkers({ TICKET_AUTO_CLOSE_SECONDS: '3600' });
  const { ports } = await splitterWithLines(1);
  network.inject({ operation: 'line-test', kind: 'timeout', times: 3 });
  const t = (await report(ports[0]!)).body;

  const exception = await waitFor('the diagnosis in the exception queue', async () =>
    (await call('GET', `/api/v1/exceptions?orderId=${t.id}`, { key: svc.keys.dispatcher })).body[0], 60_000);
  assert.equal(exception.ticketId, t.id);
  assert.equal(exception.elementId, 'Activity_Diagnose');
  assert.match(exception.errorMessage, /no answer/);

  // The tester answers again (the injected timeouts are used up): the dispatcher retries.
  const retried = await call('POST', `/api/v1/exceptions/${exception.incidentKey}/retry`, { key: svc.keys.dispatcher, body: { note: 'line tester restarted' } });
  assert.equal(retried.status, 200, JSON.stringify(retried.body));
  await waitStatus(t.id, 'resolved');
  assert.match((await ticket(t.id)).resolution, /No fault found/);

  // The customer says it still does not work: back to work, repaired by a crew this time.
  const reopened = await call('PATCH', `${TT}/${t.id}`, { key: svc.keys.crm, body: { status: 'inProgress', statusChangeReason: 'still no signal' } });
  assert.equal(reopened.status, 200);
  await waitStatus(t.id, 'inProgress');
  const [wo] = await waitFor('a repair for the reopened ticket', async () => {
    const list = (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${t.id}`, { key: svc.keys.dispatcher })).body as any[];
    return list.length ? list : undefined;
  }, 45_000);
  const crew = await svc.crewKey(wo.relatedParty[0].id);
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key: crew, body: { state: 'completed', measurements: { cause: 'connector dirty', opticalPowerDbm: -17 } } });
  await waitStatus(t.id, 'resolved');

  const confirmed = await call('PATCH', `${TT}/${t.id}`, { key: svc.keys.crm, body: { status: 'closed' } });
  assert.equal(confirmed.status, 200);
  await answerTasks('callback-desk', { reached: true, satisfaction: 4, comment: 'fixed the second time' }, [t.id]);
  await waitFor('closed with the survey', async () => (await ticket(t.id)).survey?.satisfaction === 4, 45_000);
  const final = await ticket(t.id);
  assert.equal(final.status, 'closed');
  assert.equal(final.statusChangeReason, 'confirmed by the customer');
});

test('a complaint goes to the complaint desk and stays on its list until the desk closes it', async () => {
  await svc.restartWorkers({ COMPLAINT_FOLLOW_UP_SECONDS: '1' });
  const c = (await call('POST', TT, {
    key: svc.keys.crm,
    body: { description: 'The installer was two hours late', severity: 'minor', ticketType: 'complaint', relatedParty: [{ id: 'cust-1001', role: 'customer' }] },
  })).body;
  const { key: complaintDesk } = await createApiKey(svc.db, { name: 'complaint agent', roles: ['dispatcher'], posts: ['complaint-desk'] });
  const { key: someoneElse } = await createApiKey(svc.db, { name: 'callback agent', roles: ['crm'], posts: ['callback-desk'] });
  const taskOf = () => waitFor('the complaint task', async () =>
    ((await call('GET', `/api/v1/tasks?subjectId=${c.id}`, { key: complaintDesk })).body as any[]).find((x) => x.state === 'open'), 45_000);

  const first = await taskOf();
  assert.equal(first.post, 'complaint-desk');
  assert.equal((await call('GET', '/api/v1/tasks', { key: someoneElse })).body.filter((x: any) => x.subjectId === c.id).length, 0, 'another post does not see it');
  assert.equal((await call('POST', `/api/v1/tasks/${first.id}/complete`, { key: someoneElse, body: { data: { outcome: 'resolved', note: 'x' } } })).status, 403);
  assert.equal((await call('POST', `/api/v1/tasks/${first.id}/complete`, { key: complaintDesk, body: { data: { outcome: 'done' } } })).status, 400);

  // Follow-up needed (the field manager must answer): the task comes back until the desk closes it.
  assert.equal((await call('POST', `/api/v1/tasks/${first.id}/complete`, { key: complaintDesk, body: { data: { outcome: 'followUp', note: 'asked the field manager' } } })).status, 200);
  const second = await waitFor('the follow-up', async () => {
    const open = ((await call('GET', `/api/v1/tasks?subjectId=${c.id}`, { key: complaintDesk })).body as any[]).find((x) => x.state === 'open');
    return open && open.id !== first.id ? open : undefined;
  }, 45_000);
  assert.equal((await ticket(c.id)).status, 'inProgress');
  await call('POST', `/api/v1/tasks/${second.id}/complete`, { key: complaintDesk, body: { data: { outcome: 'resolved', note: 'apologised, one month free' } } });
  await waitStatus(c.id, 'resolved');
  assert.equal((await ticket(c.id)).resolution, 'apologised, one month free');
  await call('PATCH', `${TT}/${c.id}`, { key: svc.keys.crm, body: { status: 'closed' } });
  await answerTasks('callback-desk', { reached: true, satisfaction: 3 }, [c.id]);
  await waitFor('closed with the survey', async () => (await ticket(c.id)).survey?.satisfaction === 3, 45_000);
});

test('an unfounded complaint is rejected by the complaint desk: the ticket ends rejected with the desk\'s reason, no callback follows', async () => {
  const c = (await call('POST', TT, {
    key: svc.keys.crm,
    body: { description: 'The fibre is slower than my neighbour\'s copper', severity: 'minor', ticketType: 'complaint', relatedParty: [{ id: 'cust-1001', role: 'customer' }] },
  })).body;
  const { key: complaintDesk } = await createApiKey(svc.db, { name: 'complaint agent', roles: ['dispatcher'], posts: ['complaint-desk'] });
  const task = await waitFor('the complaint task', async () =>
    ((await call('GET', `/api/v1/tasks?subjectId=${c.id}`, { key: complaintDesk })).body as any[]).find((x) => x.state === 'open'), 45_000);
  assert.ok(task.fields.find((f: any) => f.name === 'outcome').options.some((o: any) => o.value === 'rejected'), 'the desk is offered the rejection');
  const reason = 'line measured at 1 Gbit/s; the customer\'s own Wi-Fi limits it';
  assert.equal((await call('POST', `/api/v1/tasks/${task.id}/complete`, { key: complaintDesk, body: { data: { outcome: 'rejected', note: reason } } })).status, 200);
  await waitStatus(c.id, 'rejected');
  const rejected = await ticket(c.id);
  assert.equal(rejected.statusChangeReason, reason);
  assert.equal((await svc.db('deadlines').where({ subject_id: c.id }).whereNot({ state: 'done' })).length, 0, 'its clock stopped');
  const { process_instance_key: instance } = await svc.db('trouble_tickets').where({ id: c.id }).first('process_instance_key');
  await waitFor('the flow to end', async () => (await svc.db('zeebe_process_instances').where({ key: instance }).first())?.state === 'completed', 15_000);
  assert.equal(((await call('GET', `/api/v1/tasks?subjectId=${c.id}`, { key: svc.keys.dispatcher })).body as any[]).filter((x) => x.state === 'open').length, 0, 'no callback survey for a rejected complaint');
  assert.equal((await call('PATCH', `${TT}/${c.id}`, { key: svc.keys.crm, body: { status: 'cancelled' } })).status, 409, 'a rejected ticket is over');
});

test('an inspection crew reports a broken cable box, the CRM hears every status through its hub, and the report is cancelled before the repair', async () => {
  const hub = await startHubReceiver();
  try {
    const registered = await call('POST', '/tmf-api/troubleTicket/v4/hub', { key: svc.keys.crm, body: { callback: hub.url } });
    assert.equal(registered.status, 201);
    await svc.restartWorkers({ FAULT_GATHER_SECONDS: '600' });
    const { splitter } = await splitterWithLines(1);
    const inspector = await svc.crewKey((await svc.db('crews').whereRaw("? = ANY(skills)", ['line']).first('id')).id);
    const finding = await call('POST', TT, {
      key: inspector,
      body: {
        description: 'Cable box door broken, splitter exposed to rain', severity: 'minor', ticketType: 'inspectionFinding',
        channel: { name: 'inspection' }, relatedEntity: [{ id: splitter, role: 'affectedResource' }],
      },
    });
    assert.equal(finding.status, 201, JSON.stringify(finding.body));
    assert.equal(finding.body.channel.id, 'inspection');
    const id = finding.body.id as string;

    // No line test for a finding on the element itself; it joins (opens) the splitter's master and waits.
    await waitStatus(id, 'pending');
    assert.equal(network.lineTests.filter((t) => t.testId === id).length, 0);

    const cancelled = await call('PATCH', `${TT}/${id}`, { key: svc.keys.crm, body: { status: 'cancelled', statusChangeReason: 'box replaced by the owner' } });
    assert.equal(cancelled.status, 200);
    await waitStatus(id, 'cancelled');
    assert.equal((await ticket(id)).statusChangeReason, 'box replaced by the owner');
    assert.equal((await call('PATCH', `${TT}/${id}`, { key: svc.keys.crm, body: { status: 'cancelled' } })).status, 409);

    const seen = await waitFor('the hub events', async () => {
      const mine = hub.events.filter((e) => e.event.troubleTicket.id === id);
      return mine.some((e) => e.event.troubleTicket.status === 'cancelled') ? mine : undefined;
    }, 30_000);
    assert.deepEqual(seen.map((e) => e.eventType), ['TroubleTicketCreateEvent', 'TroubleTicketStatusChangeEvent', 'TroubleTicketStatusChangeEvent', 'TroubleTicketStatusChangeEvent']);
    assert.deepEqual(seen.map((e) => e.event.troubleTicket.status), ['acknowledged', 'inProgress', 'pending', 'cancelled']);
  } finally {
    await svc.restartWorkers({});
    await hub.close();
  }
});
