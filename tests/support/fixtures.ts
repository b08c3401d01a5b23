import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import { workerFactories } from '../../workers/registry.js';
import { apiClient, waitFor } from './http.js';
import { passwordOf, type TestService } from './service.js';

export const ORDER_PATH = '/tmf-api/productOrderingManagement/v4/productOrder';
export const WORK_ORDER_PATH = '/tmf-api/workOrderManagement/v4/workOrder';

export function orderBody(opts: { customer?: string; offerings?: string[]; address?: string; priority?: string } = {}) {
  const offerings = opts.offerings ?? ['home-package'];
  return {
    externalId: `crm-${randomUUID().slice(0, 8)}`,
    priority: opts.priority ?? '4',
    category: 'residential',
    description: 'New installation requested at the counter',
    relatedParty: [{ id: opts.customer ?? 'cust-1001', role: 'Customer', '@referredType': 'Individual' }],
    productOrderItem: offerings.map((o, i) => ({
      id: String(i + 1),
      action: 'add',
      quantity: 1,
      productOffering: { id: o },
      product: { place: [{ id: opts.address ?? 'addr-xh-0001', role: 'installationAddress' }] },
    })),
  };
}

/**
 * A fresh area of its own with exactly the given free inventory, one address and one crew per
 * skill, so a test can run out of capacity without touching anybody else's data.
 */
export async function createTestArea(db: Db, inventory: Partial<Record<string, number>>): Promise<{ area: string; address: string }> {
  const area = `T-${randomUUID().slice(0, 8)}`;
  await db('areas').insert({ code: area, name: `Test area ${area}` });
  const address = `addr-${area}`;
  await db('addresses').insert({ id: address, area, text: `Test street 1, ${area}` });
  await db('crews').insert(['line', 'installation', 'network', 'measurement', 'construction'].map((s) => ({ id: `crew-${area}-${s}`, name: `${area} ${s}`, area, skills: [s] })));
  const rows = Object.entries(inventory).flatMap(([type, n]) => Array.from({ length: n ?? 0 }, (_, i) => ({ type, area, name: `${type}-${area}-${i + 1}` })));
  if (rows.length) await db('network_resources').insert(rows);
  return { area, address };
}

/**
 * A product of its own whose only field work is one new kind of work order (skill: line, on a
 * line segment), so a test can give that kind its own form, or leave it undefined (a catalog
 * mistake), without touching the demo kinds other tests use.
 */
export async function productWithOwnWork(db: Db, opts: { defineKind: boolean }): Promise<{ offering: string; kind: string; step: string }> {
  const sfx = randomUUID().slice(0, 8);
  const kind = `splicing-${sfx}`;
  if (opts.defineKind) await db('work_order_kinds').insert({ kind, name: 'Fibre splicing', skill: 'line' });
  await db('resource_specs').insert({ id: `splice-${sfx}`, name: 'Fibre splice', network_resource_types: ['line_segment'], work_order_kinds: [kind] });
  await db('service_specs').insert({ id: `splice-svc-${sfx}`, name: 'Fibre splice service' });
  await db('service_resource_specs').insert({ service_spec_id: `splice-svc-${sfx}`, resource_spec_id: `splice-${sfx}` });
  await db('product_offerings').insert({ id: `splice-${sfx}`, name: 'Fibre splice repair' });
  await db('offering_services').insert({ offering_id: `splice-${sfx}`, service_spec_id: `splice-svc-${sfx}`, role: 'main' });
  return { offering: `splice-${sfx}`, kind, step: `work-order:${kind}` };
}

/** A person's session token, as the browser app gets it. */
export async function sessionToken(svc: TestService, username: string): Promise<string> {
  const res = await apiClient(svc.baseUrl)('POST', '/api/v1/session', { body: { username, password: passwordOf(username) } });
  if (res.status !== 201) throw new Error(`login of ${username} answered ${res.status}`);
  return res.body.token as string;
}

/** What a crew records when it closes a work order of each kind. */
export const validMeasurements: Record<string, Record<string, unknown>> = {
  line: { fiberLengthM: 140 },
  installation: { deviceSerial: 'ZTEGC8A1B2C3' },
  'nm-config': { configReference: 'NM-CHG-2026-1123' },
  measurement: { opticalPowerDbm: -18.4, downloadMbps: 311.2 },
  'site-construction': { portsInstalled: 2, asBuiltReference: 'AB-2026-117' },
  'acceptance-test': { portsTested: 2, opticalPowerDbm: -17.9, insertionLossDb: 10.5 },
};

export type OrderTerminal = 'completed' | 'rejected' | 'failed' | 'cancelled';

/** A key per crew, made on first use, as each crew member would have their own. */
export function crewKeys(svc: TestService) {
  const keys = new Map<string, string>();
  return async (crew: string) => {
    if (!keys.has(crew)) keys.set(crew, await svc.crewKey(crew));
    return keys.get(crew)!;
  };
}

/** One pass of the simulated crews: every open work order of the order is accepted and closed through the API. */
export async function closeOpenWorkOrders(svc: TestService, orderId: string, keyOf = crewKeys(svc)): Promise<number> {
  const call = apiClient(svc.baseUrl);
  const list = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
  const open = (list.body as any[]).filter((wo) => wo.state === 'acknowledged' || wo.state === 'inProgress');
  for (const wo of open) {
    const key = await keyOf(wo.relatedParty[0].id as string);
    if (wo.state === 'acknowledged') await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, { key, body: { state: 'inProgress' } });
    const closed = await call('PATCH', `${WORK_ORDER_PATH}/${wo.id}`, {
      key,
      body: { state: 'completed', result: 'done', measurements: validMeasurements[wo.category] },
    });
    if (closed.status !== 200) throw new Error(`closing ${wo.id} answered ${closed.status}: ${JSON.stringify(closed.body)}`);
  }
  return open.length;
}

/** Simulated field crews work the order's work orders as they appear, until the order reaches a final state. */
export async function runCrewsUntilDone(svc: TestService, orderId: string, timeoutMs = 90_000): Promise<OrderTerminal> {
  const call = apiClient(svc.baseUrl);
  const keyOf = crewKeys(svc);
  return waitFor(`order ${orderId} to finish`, async () => {
    const order = await call('GET', `${ORDER_PATH}/${orderId}`, { key: svc.keys.crm });
    if (['completed', 'rejected', 'failed', 'cancelled'].includes(order.body.state)) return order.body.state as OrderTerminal;
    await closeOpenWorkOrders(svc, orderId, keyOf);
    return undefined;
  }, timeoutMs, 250);
}

/** Worker settings for a pool that takes every job type but these: the flow stops in front of them. */
export function allBut(...types: string[]): { WORKER_TASK_TYPES: string } {
  const all = workerFactories.map((f) => f({} as never).taskType);
  return { WORKER_TASK_TYPES: all.filter((t) => !types.includes(t)).join(',') };
}

/** The order's work orders (TMF697, as the dispatcher sees them), once there are `n` of them. */
export async function workOrdersOf(svc: TestService, orderId: string, n: number): Promise<any[]> {
  const call = apiClient(svc.baseUrl);
  return waitFor(`${n} work orders`, async () => {
    const r = await call('GET', `${WORK_ORDER_PATH}?relatedEntity.id=${orderId}`, { key: svc.keys.dispatcher });
    return r.body.length === n ? (r.body as any[]) : undefined;
  });
}
