import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { createApiKey } from '../../src/auth/keys.js';
import {
  closeOpenWorkOrders, createTestArea, ORDER_PATH, orderBody, runCrewsUntilDone, validMeasurements, WORK_ORDER_PATH,
} from '../support/fixtures.js';
import { startHubReceiver } from '../support/hub-receiver.js';
import { waitFor } from '../support/http.js';
import { serviceForThisFile } from '../support/service.js';

const { svc, call } = serviceForThisFile();
const CONSTRUCTION_PATH = '/api/v1/constructionOrders';

/** The requester (network planning), the construction manager who approves, and the network designer. */
async function people() {
  const key = async (name: string, posts: string[]) => (await createApiKey(svc.db, { name, roles: ['planning'], posts })).key;
  return {
    planning: await key('network planning system', []),
    manager: await key('construction manager', ['construction-manager']),
    designer: await key('network designer', ['network-design']),
  };
}

const orderState = async (id: string) => (await svc.db('product_orders').where({ id }).first()).state as string;
const constructionState = async (id: string) => (await svc.db('construction_orders').where({ id }).first()).state as string;

async function pendingOrder(address: string, priority: string) {
  const r = await call('POST', ORDER_PATH, { key: svc.keys.crm, body: orderBody({ address, offerings: ['ftth-300m'], priority }) });
  await waitFor(`${r.body.id} pending`, async () => (await orderState(r.body.id)) === 'pending');
  return r.body.id as string;
}

/** The post's open task of this form about the construction order, once the flow has filed it. */
function taskFor(key: string, constructionOrderId: string, formKey: string) {
  return waitFor(`a ${formKey} task`, async () => {
    const open = await call('GET', `/api/v1/tasks?subjectId=${constructionOrderId}`, { key });
    return (open.body as any[]).find((t) => t.formKey === formKey);
  });
}

async function answer(key: string, taskId: string, data: unknown) {
  const r = await call('POST', `/api/v1/tasks/${taskId}/complete`, { key, body: { data } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

test('a construction order adds PON ports in an area where two orders are pending: both resume and complete, the higher-priority one first', async () => {
  const who = await people();
  const hub = await startHubReceiver();
  try {
    // An area whose only PON port is in service: two customers wait (转待装), the older one with the lower priority.
    const { area, address } = await createTestArea(svc.db, { pon_port: 1, splitter_port: 2, line_segment: 2, ip_address: 2, vlan: 2 });
    await svc.db('network_resources').where({ area, type: 'pon_port' }).update({ state: 'assigned' });
    const older = await pendingOrder(address, '4');
    const urgent = await pendingOrder(address, '2');

    // Network planning asks for two more ports there.
    const created = await call('POST', CONSTRUCTION_PATH, {
      key: who.planning,
      body: {
        externalId: `NP-${area}`, source: 'network-planning', title: `PON capacity for ${area}`, area, priority: 2,
        requestedCapacity: [{ type: 'pon_port', quantity: 2 }], callbackUrl: hub.url,
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('location'), `${CONSTRUCTION_PATH}/${created.body.id}`);
    const id = created.body.id as string;

    // The construction manager approves; the designer's post may not.
    const approval = await taskFor(who.manager, id, 'construction-approval');
    assert.equal(approval.post, 'construction-manager');
    assert.equal(approval.context.constructionOrderId, id);
    assert.equal((await call('POST', `/api/v1/tasks/${approval.id}/complete`, { key: who.designer, body: { data: { approved: true } } })).status, 403);
    await answer(who.manager, approval.id, { approved: true, note: 'in the access network budget' });
    assert.equal(await constructionState(id), 'inProgress');

    // The first design asks the store for more cable than it holds: it comes back to the designer with the reason.
    const site = { code: `${area}-OLT-02`, resources: [1, 2].map((n) => ({ type: 'pon_port', name: `OLT-${area}-02/1/1/${n}` })) };
    const firstDesign = await taskFor(who.designer, id, 'construction-design');
    await answer(who.designer, firstDesign.id, { sites: [site], materials: [{ materialId: 'fibre-cable-24c', quantity: 10_000_000 }] });
    const secondDesign = await taskFor(who.designer, id, 'construction-design');
    assert.notEqual(secondDesign.id, firstDesign.id);
    assert.match(secondDesign.context.designProblem, /not enough Fibre cable, 24 cores: 10000000 m needed/);
    assert.equal((await svc.db('material_reservations').where({ construction_order_id: id })).length, 0, 'an infeasible design reserves nothing');

    const board = await svc.db('materials').where({ id: 'olt-pon-board-16' }).first();
    await answer(who.designer, secondDesign.id, {
      sites: [site], materials: [{ materialId: 'olt-pon-board-16', quantity: 1 }, { materialId: 'fibre-cable-24c', quantity: 300 }],
    });
    const designed = await waitFor('the site reserved', async () => {
      const r = await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: who.planning });
      return r.body.sites.length === 1 ? r.body : undefined;
    });
    assert.deepEqual(designed.materials.map((m: any) => [m.materialId, m.state]), [['fibre-cable-24c', 'reserved'], ['olt-pon-board-16', 'reserved']]);

    // The construction crew builds the site; until its acceptance test passes, the orders keep waiting.
    const [build] = await waitFor('the construction work order', async () => {
      const r = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher });
      return r.body.length === 1 ? r.body : undefined;
    });
    assert.equal(build.category, 'site-construction');
    assert.equal(build.relatedParty[0].id, `crew-${area}-construction`);
    assert.deepEqual(build.relatedEntity[0], { id, role: 'constructionOrder', href: `${CONSTRUCTION_PATH}/${id}`, '@referredType': 'ConstructionOrder' });
    assert.equal(await closeOpenWorkOrders(svc, id), 1);
    const [, acceptance] = await waitFor('the acceptance test work order', async () => {
      const r = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher });
      return r.body.length === 2 ? r.body : undefined;
    });
    assert.equal(acceptance.category, 'acceptance-test');
    assert.equal(await orderState(older), 'pending');
    assert.equal(await orderState(urgent), 'pending');
    const crew = await svc.crewKey(acceptance.relatedParty[0].id);
    const badTest = await call('PATCH', `${WORK_ORDER_PATH}/${acceptance.id}`, {
      key: crew, body: { state: 'completed', measurements: { portsTested: 2, opticalPowerDbm: -45, insertionLossDb: 10 } },
    });
    assert.equal(badTest.status, 400);
    assert.match(badTest.body.message, /opticalPowerDbm must be at least -30 dBm/);
    assert.equal(await closeOpenWorkOrders(svc, id), 1);

    // Accepted: the ports are archived into the inventory and the construction order completes.
    await waitFor('construction completed', async () => (await constructionState(id)) === 'completed');
    const done = (await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: who.planning })).body;
    assert.equal(done.sites[0].state, 'archived');
    assert.deepEqual(done.materials.map((m: any) => m.state), ['consumed', 'consumed']);
    const boardAfter = await svc.db('materials').where({ id: 'olt-pon-board-16' }).first();
    assert.equal(boardAfter.on_hand, board.on_hand - 1);
    assert.equal(boardAfter.reserved, board.reserved);

    // The new capacity went to the waiting orders, the higher priority first although it is the younger order.
    const archived = await svc.db('trace_events').where({ order_id: id, step: 'construction.archive' }).first();
    assert.deepEqual(archived.details.ordersReleased, [urgent, older]);
    const offers = await svc.db('trace_events').whereIn('order_id', [urgent, older]).where({ outcome: 'capacity offered' }).orderBy('id');
    assert.deepEqual(offers.map((e) => e.order_id), [urgent, older]);

    assert.equal(await runCrewsUntilDone(svc, urgent), 'completed');
    assert.equal(await runCrewsUntilDone(svc, older), 'completed');
    const ports = await svc.db('network_resources').whereIn('name', site.resources.map((r) => r.name)).where({ area, type: 'pon_port' });
    assert.equal(ports.length, 2);
    assert.deepEqual(new Set(ports.map((p) => p.order_id)), new Set([urgent, older]), 'each order got one of the new ports');
    assert.ok(ports.every((p) => p.state === 'assigned'));

    // The requester hears the outcome; the trace shows every step with who and when.
    const notice = await waitFor('the completion callback', async () => hub.events.find((e) => e.event.constructionOrder.id === id));
    assert.equal(notice.eventType, 'ConstructionOrderStateChangeEvent');
    assert.equal(notice.event.constructionOrder.state, 'completed');
    const trace = await call('GET', `${CONSTRUCTION_PATH}/${id}/trace`, { key: who.planning });
    assert.equal(trace.status, 200);
    const steps = trace.body.steps.map((s: any) => s.step);
    for (const step of ['construction.accept', 'post-task:construction-approval', 'post-task:construction-design', 'construction.reserve',
      'work-order:site-construction', 'work-order:acceptance-test', 'construction.archive']) {
      assert.ok(steps.includes(step), `trace has ${step}: ${steps.join(', ')}`);
    }
    assert.ok(trace.body.events.some((e: any) => e.outcome === 'design not feasible'));
    const clocks = await svc.db('deadlines').where({ subject_id: id });
    assert.ok(clocks.length >= 3 && clocks.every((c) => c.state === 'done'), 'the order\'s and the work orders\' clocks stopped');
  } finally {
    await hub.close();
  }
});

test('the construction manager rejects a request: it ends rejected with the reason, the requester is told, nothing is built', async () => {
  const who = await people();
  const hub = await startHubReceiver();
  try {
    const created = await call('POST', CONSTRUCTION_PATH, {
      key: who.planning,
      body: { source: 'optimization', title: 'Second splitter cabinet, Xihu', area: 'HZ-XH', callbackUrl: hub.url },
    });
    const id = created.body.id as string;
    const approval = await taskFor(who.manager, id, 'construction-approval');

    const noReason = await call('POST', `/api/v1/tasks/${approval.id}/complete`, { key: who.manager, body: { data: { approved: false } } });
    assert.equal(noReason.status, 400);
    assert.match(noReason.body.message, /note/);
    await answer(who.manager, approval.id, { approved: false, note: 'no budget left this quarter' });

    await waitFor('rejected', async () => (await constructionState(id)) === 'rejected');
    const order = (await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: who.planning })).body;
    assert.equal(order.stateReason, 'no budget left this quarter');
    assert.deepEqual(order.sites, []);
    const notice = await waitFor('the rejection callback', async () => hub.events.find((e) => e.event.constructionOrder.id === id));
    assert.equal(notice.event.constructionOrder.state, 'rejected');
    assert.equal(notice.event.constructionOrder.stateReason, 'no budget left this quarter');
    assert.equal((await svc.db('work_orders').where({ subject_id: id })).length, 0);
    assert.equal((await svc.db('post_tasks').where({ subject_id: id, form_key: 'construction-design' })).length, 0, 'no design was asked for');
    const clock = await svc.db('deadlines').where({ subject_id: id, step: 'order' }).first();
    assert.equal(clock.state, 'done');
    await waitFor('the flow ended', async () => {
      const r = await svc.db('construction_orders as c')
        .joinRaw('JOIN zeebe_process_instances p ON p.key::text = c.process_instance_key')
        .where('c.id', id).first('p.state');
      return r?.state === 'completed';
    });
  } finally {
    await hub.close();
  }
});

/** A store item of the test's own, so what it reserves and gets back is exact whatever else runs. */
async function testMaterial() {
  const id = `test-board-${randomUUID().slice(0, 8)}`;
  await svc.db('materials').insert({ id, name: 'Test OLT board', unit: 'pcs', on_hand: 5 });
  return { id, stock: async () => svc.db('materials').where({ id }).first('on_hand', 'reserved') };
}

/** A request in a fresh area, approved and designed with the given sites (one board of the material each): its flow is at construction. */
async function constructionUnderWay(who: Awaited<ReturnType<typeof people>>, hubUrl: string, siteCount = 1) {
  const { area } = await createTestArea(svc.db, {});
  const material = await testMaterial();
  const created = await call('POST', CONSTRUCTION_PATH, {
    key: who.planning,
    body: { source: 'network-planning', title: `PON capacity for ${area}`, area, priority: 2, callbackUrl: hubUrl },
  });
  const id = created.body.id as string;
  await answer(who.manager, (await taskFor(who.manager, id, 'construction-approval')).id, { approved: true });
  const sites = Array.from({ length: siteCount }, (_, s) => ({
    code: `${area}-OLT-0${s + 1}`, resources: [{ type: 'pon_port', name: `OLT-${area}-0${s + 1}/1/1/1` }],
  }));
  await answer(who.designer, (await taskFor(who.designer, id, 'construction-design')).id, { sites, materials: [{ materialId: material.id, quantity: siteCount }] });
  await waitFor('a construction work order per site', async () => (await workOrdersOf(id)).length === siteCount);
  return { id, area, material };
}

const workOrdersOf = async (id: string) => (await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${id}`, { key: svc.keys.dispatcher })).body as any[];

/** Waits for the open work order of a kind the order has not had before (a later round's is a new one). */
function nextWorkOrder(id: string, category: string, seen: Set<string>) {
  return waitFor(`a new ${category} work order`, async () => {
    const wo = (await workOrdersOf(id)).find((w) => w.category === category && w.state === 'acknowledged' && !seen.has(w.id));
    if (wo) seen.add(wo.id);
    return wo;
  });
}

/** The crew accepts the work order and closes it with the result it found and valid readings. */
async function close(wo: any, result = 'done') {
  const key = await svc.crewKey(wo.relatedParty[0].id);
  await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key, body: { state: 'inProgress' } });
  const closed = await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key, body: { state: 'completed', result, measurements: validMeasurements[wo.category] } });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
}

/** A site built and tested once more, the test ending with the given result. */
async function buildRound(id: string, seen: Set<string>, testResult: string) {
  await close(await nextWorkOrder(id, 'site-construction', seen));
  await close(await nextWorkOrder(id, 'acceptance-test', seen), testResult);
}

const instanceState = async (id: string) => {
  const r = await svc.db('construction_orders as c')
    .joinRaw('JOIN zeebe_process_instances p ON p.key::text = c.process_instance_key')
    .where('c.id', id).first('p.state');
  return r?.state as string | undefined;
};

test('network planning cancels a request while its site is being built: the crew sees the work cancelled, the board goes back to the store, the requester hears it', async () => {
  const who = await people();
  const hub = await startHubReceiver();
  try {
    const { id, material } = await constructionUnderWay(who, hub.url);
    assert.deepEqual(await material.stock(), { on_hand: 5, reserved: 1 });
    const [build] = await workOrdersOf(id);

    const noReason = await call('POST', `${CONSTRUCTION_PATH}/${id}/cancel`, { key: who.planning, body: {} });
    assert.equal(noReason.status, 400);
    const cancelled = await call('POST', `${CONSTRUCTION_PATH}/${id}/cancel`, { key: who.planning, body: { reason: 'the block was rezoned; no customers to serve' } });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.state, 'cancelled');
    assert.equal(cancelled.body.stateReason, 'the block was rezoned; no customers to serve');
    assert.deepEqual(cancelled.body.materials.map((m: any) => m.state), ['released']);
    assert.deepEqual(cancelled.body.sites.map((s: any) => s.state), ['planned'], 'nothing goes into the inventory');
    assert.deepEqual(await material.stock(), { on_hand: 5, reserved: 0 });

    // The crew's list shows the work order cancelled; closing it now is refused.
    const crew = await svc.crewKey(build.relatedParty[0].id);
    assert.equal((await call('GET', `${WORK_ORDER_PATH}/${build.id}`, { key: crew })).body.state, 'cancelled');
    const lateClose = await call('PATCH', `${WORK_ORDER_PATH}/${build.id}`, { key: crew, body: { state: 'completed', measurements: validMeasurements['site-construction'] } });
    assert.equal(lateClose.status, 409);

    const notice = await waitFor('the cancel callback', async () => hub.events.find((e) => e.event.constructionOrder.id === id));
    assert.equal(notice.event.constructionOrder.state, 'cancelled');
    assert.equal(notice.event.constructionOrder.stateReason, 'the block was rezoned; no customers to serve');

    // The flow stops where it stood, the clocks with it; the trace says who cancelled and why.
    await waitFor('the flow ended', async () => (await instanceState(id)) === 'completed');
    assert.ok((await svc.db('deadlines').where({ subject_id: id })).every((c) => c.state === 'done'), 'every clock stopped');
    const trace = (await call('GET', `${CONSTRUCTION_PATH}/${id}/trace`, { key: who.planning })).body;
    assert.ok(trace.events.some((e: any) => e.outcome === 'cancelled' && e.details?.reason === 'the block was rezoned; no customers to serve'));
    assert.ok(trace.steps.some((s: any) => s.step === 'construction.cancel'), 'the flow was interrupted');

    const again = await call('POST', `${CONSTRUCTION_PATH}/${id}/cancel`, { key: who.planning, body: { reason: 'asked twice' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'Conflict');
    assert.match(again.body.message, /already cancelled/);
  } finally {
    await hub.close();
  }
});

test('a site fails its acceptance test (验收不通过): the crew builds it again, it passes, and the order completes with its resources archived', async () => {
  const who = await people();
  const hub = await startHubReceiver();
  try {
    const { id, area } = await constructionUnderWay(who, hub.url);
    const seen = new Set<string>();
    await buildRound(id, seen, 'failed');
    const rebuild = await nextWorkOrder(id, 'site-construction', seen);
    assert.match(rebuild.workOrderItem[0].description, /rebuild round 2/);
    assert.equal(await constructionState(id), 'inProgress');
    await close(rebuild);
    await close(await nextWorkOrder(id, 'acceptance-test', seen));

    await waitFor('construction completed', async () => (await constructionState(id)) === 'completed');
    const done = (await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: who.planning })).body;
    assert.deepEqual(done.sites.map((s: any) => s.state), ['archived']);
    assert.deepEqual(done.materials.map((m: any) => m.state), ['consumed']);
    assert.equal((await svc.db('network_resources').where({ area, type: 'pon_port' })).length, 1, 'the port is in the inventory once');
    assert.deepEqual((await workOrdersOf(id)).map((w) => [w.category, w.state, w.result]), [
      ['site-construction', 'completed', 'done'], ['acceptance-test', 'completed', 'failed'],
      ['site-construction', 'completed', 'done'], ['acceptance-test', 'completed', 'done'],
    ]);
    const checks = await svc.db('trace_events').where({ order_id: id, step: 'construction.check-acceptance' }).orderBy('id');
    assert.deepEqual(checks.map((c) => [c.outcome, c.details.round]), [['rebuild', 1], ['passed', 2]]);

    const tooLate = await call('POST', `${CONSTRUCTION_PATH}/${id}/cancel`, { key: who.planning, body: { reason: 'changed our mind' } });
    assert.equal(tooLate.status, 409);
    assert.match(tooLate.body.message, /already completed/);
  } finally {
    await hub.close();
  }
});

test('a site keeps failing its acceptance test: after three rounds it goes to the exception queue, and the dispatcher aborts the order with compensation', async () => {
  const who = await people();
  const hub = await startHubReceiver();
  try {
    // Two sites: the first fails every test while the second's construction work order stays open.
    const { id, material } = await constructionUnderWay(who, hub.url, 2);
    const [, leftOpen] = await workOrdersOf(id);
    const seen = new Set<string>([leftOpen.id]);
    for (let round = 1; round <= 3; round++) await buildRound(id, seen, 'failed');

    const exception = await waitFor('the exception', async () => (await call('GET', `/api/v1/exceptions?orderId=${id}`, { key: svc.keys.dispatcher })).body[0], 60_000, 500);
    assert.equal(exception.constructionOrderId, id);
    assert.equal(exception.elementId, 'Activity_CheckAcceptance');
    assert.match(exception.errorMessage, /failed its acceptance test 3 times \(limit 3\)/);
    assert.equal((await workOrdersOf(id)).filter((w) => w.category === 'site-construction').length, 4, 'three rounds at one site, no fourth; one at the other');

    const aborted = await call('POST', `/api/v1/exceptions/${exception.incidentKey}/abort`, { key: svc.keys.dispatcher, body: { reason: 'the cabinet site is unsuitable' } });
    assert.equal(aborted.status, 200);
    const order = (await call('GET', `${CONSTRUCTION_PATH}/${id}`, { key: who.planning })).body;
    assert.equal(order.state, 'failed');
    assert.equal(order.stateReason, 'aborted by the dispatcher: the cabinet site is unsuitable');
    assert.deepEqual(order.materials.map((m: any) => m.state), ['released']);
    assert.equal((await material.stock()).reserved, 0);
    assert.equal((await svc.db('work_orders').where({ id: leftOpen.id }).first()).state, 'cancelled', 'the other site\'s open work is cancelled');
    assert.ok((await svc.db('deadlines').where({ subject_id: id })).every((c) => c.state === 'done'), 'every clock stopped');
    const notice = await waitFor('the failure callback', async () => hub.events.find((e) => e.event.constructionOrder.id === id));
    assert.equal(notice.event.constructionOrder.state, 'failed');
    await waitFor('the instance terminated', async () => (await instanceState(id)) === 'terminated');
    const trace = (await call('GET', `${CONSTRUCTION_PATH}/${id}/trace`, { key: who.planning })).body;
    assert.ok(trace.events.some((e: any) => e.outcome === 'exception abort'));
    assert.ok(trace.events.some((e: any) => e.outcome === 'acceptance failed too often'));
  } finally {
    await hub.close();
  }
});
