import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startClock } from '../../src/sla/clock.js';
import { ORDER_PATH, orderBody, runCrewsUntilDone, WORK_ORDER_PATH } from '../support/fixtures.js';
import { apiClient, waitFor } from '../support/http.js';
import { startHubReceiver, type HubReceiver } from '../support/hub-receiver.js';
import { startService, type TestService } from '../support/service.js';

let svc: TestService;
let hub: HubReceiver;
let call: ReturnType<typeof apiClient>;
const policies: number[] = [];

before(async () => {
  svc = await startService();
  call = apiClient(svc.baseUrl);
  hub = await startHubReceiver();
});
after(async () => {
  for (const id of policies) await call('DELETE', `/api/v1/sla-policies/${id}`, { key: svc.keys.admin });
  await svc?.stop();
  await hub?.close();
});

async function policy(body: Record<string, unknown>) {
  const r = await call('POST', '/api/v1/sla-policies', { key: svc.keys.admin, body: { flow: 'order-fulfillment', ...body } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  policies.push(r.body.id);
  return r.body;
}

async function workOrder(orderId: string, kind: string) {
  return waitFor(`${kind} work order`, async () => {
    const r = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}&category=${kind}`, { key: svc.keys.dispatcher });
    return r.body[0];
  });
}

const alarmsOf = async (orderId: string, step: string) =>
  (await call('GET', `/api/v1/alarms?subjectId=${orderId}`, { key: svc.keys.dispatcher })).body.filter((a: any) => a.step === step);

test('a step passes its pre-alarm, then its limit, then escalates; the CRM hears of it; the alarms clear when the step ends', async () => {
  // Urgent orders (priority 0) get a 4-second limit on line work, pre-alarm 2 s before, escalation 2 s after.
  await policy({ step: 'work-order:line', priority: 0, limitSeconds: 4, preAlarmSeconds: 2, escalateAfterSeconds: 2, post: 'line-crew-lead' });
  await call('POST', '/tmf-api/productOrderingManagement/v4/hub', { key: svc.keys.crm, body: { callback: hub.url } });

  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'], priority: '0' }) });
  const orderId = order.body.id as string;
  const line = await workOrder(orderId, 'line');

  // The dispatcher sees the running deadline with its time left.
  const running = await call('GET', `/api/v1/deadlines?subjectId=${orderId}&step=work-order:line`, { key: svc.keys.dispatcher });
  assert.equal(running.body.length, 1);
  assert.equal(running.body[0].post, 'line-crew-lead');
  assert.ok(running.body[0].remainingSeconds > 0 && running.body[0].remainingSeconds <= 4);

  const raised = await waitFor('pre-alarm, alarm and escalation', async () => {
    const a = await alarmsOf(orderId, 'work-order:line');
    return a.length === 2 && a.find((x: any) => x.level === 'alarm')?.escalatedTo ? a : undefined;
  }, 20_000);
  const pre = raised.find((a: any) => a.level === 'pre-alarm');
  const alarm = raised.find((a: any) => a.level === 'alarm');
  assert.equal(pre.post, 'line-crew-lead');
  assert.equal(alarm.post, 'line-crew-lead');
  assert.equal(alarm.escalatedTo, 'field-manager', 'an alarm nobody acknowledged goes to the supervisor');
  assert.ok(new Date(pre.raisedAt) < new Date(alarm.raisedAt));
  const deadline = (await svc.db('deadlines').where({ subject_id: orderId, step: 'work-order:line' }).first());
  assert.ok(new Date(pre.raisedAt) >= new Date(deadline.warn_at), 'never early');
  assert.ok(new Date(alarm.raisedAt) >= new Date(deadline.due_at), 'never early');
  assert.equal((await call('GET', `/api/v1/deadlines?subjectId=${orderId}&step=work-order:line`, { key: svc.keys.dispatcher })).body[0].level, 'escalated');

  // The CRM's hub heard of the jeopardy, pre-alarm first.
  const jeopardy = await waitFor('jeopardy events', async () => {
    const e = hub.events.filter((x) => x.eventType === 'ProductOrderJeopardyEvent' && x.event.productOrder.id === orderId);
    return e.length === 2 ? e : undefined;
  });
  assert.deepEqual(jeopardy.map((e: any) => e.event.alarm.level), ['pre-alarm', 'alarm']);

  // The crews close everything; the alarms clear themselves and the deadline leaves the board.
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
  const after = await alarmsOf(orderId, 'work-order:line');
  assert.ok(after.every((a: any) => a.state === 'cleared' && a.clearedAt));
  assert.equal((await call('GET', `/api/v1/deadlines?subjectId=${orderId}`, { key: svc.keys.dispatcher })).body.length, 0);
  void line;
});

test('an acknowledged alarm does not escalate', async () => {
  await policy({ step: 'work-order:installation', priority: 1, limitSeconds: 3, preAlarmSeconds: 1, escalateAfterSeconds: 2, post: 'installation-crew-lead' });
  const order = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ offerings: ['ftth-300m'], priority: '1' }) });
  const orderId = order.body.id as string;
  await workOrder(orderId, 'installation');
  const alarm = await waitFor('the alarm', async () => (await alarmsOf(orderId, 'work-order:installation')).find((a: any) => a.level === 'alarm'), 15_000);
  const ack = await call('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, { key: svc.keys.dispatcher });
  assert.equal(ack.status, 200);
  assert.equal(ack.body.state, 'acknowledged');
  await new Promise((r) => setTimeout(r, 3000)); // past the escalation time
  const later = (await alarmsOf(orderId, 'work-order:installation')).find((a: any) => a.level === 'alarm');
  assert.equal(later.escalatedTo, null);
  assert.equal(later.state, 'acknowledged');
  const trace = await call('GET', `/api/v1/orders/${orderId}/trace`, { key: svc.keys.dispatcher });
  assert.ok(trace.body.events.some((e: any) => e.outcome === 'alarm acknowledged'));
  assert.equal((await call('POST', `/api/v1/alarms/${randomUUID()}/acknowledge`, { key: svc.keys.dispatcher })).status, 404);
  assert.equal((await call('POST', `/api/v1/alarms/${alarm.id}/acknowledge`, { key: svc.keys.crm })).status, 403);
  assert.equal(await runCrewsUntilDone(svc, orderId), 'completed');
});

test('the running-deadlines list shows the right remaining time for 1,000 running steps', async () => {
  const flow = `bulk-${randomUUID().slice(0, 8)}`;
  await call('POST', '/api/v1/sla-policies', { key: svc.keys.admin, body: { flow, step: '*', limitSeconds: 3600, preAlarmSeconds: 600, post: 'dispatch-desk' } })
    .then((r) => policies.push(r.body.id));
  const now = Date.now();
  await svc.db.transaction(async (trx) => {
    for (let i = 0; i < 1000; i++) {
      // Steps started over the last 50 minutes: 1000 different amounts of time left.
      await startClock(trx, { flow, subjectId: randomUUID(), step: `step-${i % 7}`, context: {}, now: new Date(now - i * 3000) });
    }
  });
  const r = await call('GET', `/api/v1/deadlines?flow=${flow}&limit=1000`, { key: svc.keys.dispatcher });
  assert.equal(r.status, 200);
  assert.equal(r.body.length, 1000);
  assert.equal(r.headers.get('x-total-count'), '1000');
  const asked = Date.now();
  for (const [i, d] of r.body.entries()) {
    const expected = (new Date(d.dueAt).getTime() - asked) / 1000;
    assert.ok(Math.abs(d.remainingSeconds - expected) < 2, `row ${i}: ${d.remainingSeconds} vs ${expected}`);
    if (i > 0) assert.ok(d.remainingSeconds >= r.body[i - 1].remainingSeconds, 'sorted by time left');
  }
  assert.equal(r.body[0].dueAt, new Date(now - 999 * 3000 + 3600_000).toISOString(), 'the oldest step has the least time left');
});
