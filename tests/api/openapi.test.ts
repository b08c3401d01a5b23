import assert from 'node:assert/strict';
import { AssertionError } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';

import { createApp } from '../../api/app.js';
import { httpMethods, openApiDocument, type OperationObject } from '../../api/openapi.js';
import { toWorkOrder } from '../../api/routes/work-order.js';
import { hashKey, roles } from '../../src/auth/keys.js';
import type { Db } from '../../src/db/index.js';
import type { ItemRow, OrderRow } from '../../src/orders/repository.js';
import { toProductOrder } from '../../src/orders/representation.js';
import { orderStates, ProductOrderCreate } from '../../src/orders/schema.js';
import type { WorkOrderRow } from '../../src/work-orders/repository.js';
import { assertMatchesOpenApi, assertMatchesSchema, assertRequestMatchesOpenApi } from '../support/openapi.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PO = '/tmf-api/productOrderingManagement/v4';
const WO = '/tmf-api/workOrderManagement/v4';
const PC = '/tmf-api/productCatalogManagement/v4';

// --- the routes api/app.ts mounts, read from the source ------------------------------------------

interface MountedRoute {
  method: string;
  path: string;
  open: boolean;
  roles: string[] | null;
}

/**
 * Reads `app.use(base, [auth,] xRoutes(deps))` and `app.get('/x', ...)` in api/app.ts, then the
 * `r.get('/y', [allow(...),] ...)` calls of each router factory. Fails on router patterns it does
 * not understand, so a new style of route registration cannot slip past the coverage check.
 */
async function mountedRoutes(): Promise<MountedRoute[]> {
  const appSrc = await readFile(path.join(root, 'api/app.ts'), 'utf8');
  const importedFrom = new Map<string, string>();
  for (const m of appSrc.matchAll(/import\s*\{([^}]+)\}\s*from\s*'\.\/(routes\/[\w-]+)\.js'/g)) {
    for (const name of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) importedFrom.set(name, `api/${m[2]}.ts`);
  }
  const routes: MountedRoute[] = [];

  for (const m of appSrc.matchAll(/\bapp\.(get|post|put|patch|delete)\(\s*'([^']+)'\s*,([^\n]*)/g)) {
    routes.push({ method: m[1]!.toUpperCase(), path: m[2]!, open: !/\bauth\b/.test(m[3]!), roles: null });
  }

  const useCalls = [...appSrc.matchAll(/\bapp\.use\(([^\n]*)\);/g)].map((m) => m[1]!).filter((args) => /Routes\(/.test(args));
  assert.ok(useCalls.length >= 5, `expected the router mounts in api/app.ts, found ${useCalls.length}`);
  // Every router factory call and every app.<method>( must have been read (one line each).
  assert.equal(useCalls.length, (appSrc.match(/\b\w+\(deps\)/g) ?? []).filter((c) => !c.startsWith('requireAuth')).length, 'a mount spans lines; teach this test');
  assert.equal(routes.length, (appSrc.match(/\bapp\.(get|post|put|patch|delete|all)\(/g) ?? []).length, 'an app.<method>( route has no literal path');
  for (const args of useCalls) {
    const m = /^\s*('[^']*'|\w+)\s*,\s*((?:\w+\s*,\s*)*)(\w+)\(deps\)\s*$/.exec(args);
    assert.ok(m, `cannot read the mount app.use(${args}); teach tests/api/openapi.test.ts this form`);
    const [, baseExpr, middleware, factory] = m;
    const file = importedFrom.get(factory!);
    assert.ok(file, `router factory ${factory} is not imported from ./routes/*.js`);
    const src = await readFile(path.join(root, file), 'utf8');
    let base = baseExpr!;
    if (base.startsWith("'")) base = base.slice(1, -1);
    else {
      // The base constant lives where app.ts imports it from (often, not always, the router's own file).
      const constFile = importedFrom.get(base) ?? file;
      const constSrc = constFile === file ? src : await readFile(path.join(root, constFile), 'utf8');
      const c = new RegExp(`export const ${base}\\s*=\\s*'([^']*)'`).exec(constSrc);
      assert.ok(c, `cannot resolve the mount base ${base} in ${constFile}`);
      base = c[1]!;
    }
    const start = src.indexOf(`export function ${factory}(`);
    assert.ok(start >= 0, `${file} does not export function ${factory}`);
    const nextExport = src.indexOf('\nexport ', start + 1);
    const body = src.slice(start, nextExport < 0 ? undefined : nextExport);
    const routerVar = /const\s+(\w+)\s*=\s*Router\(\)/.exec(body)?.[1];
    assert.ok(routerVar, `${factory} in ${file} does not create a Router`);
    assert.doesNotMatch(body, new RegExp(`\\b${routerVar}\\.(route|all|use)\\(`), `${file}: unsupported router call; teach this test`);
    const calls = [...body.matchAll(new RegExp(`\\b${routerVar}\\.(get|post|put|patch|delete|head|options)\\(\\s*(['"\`])([^'"\`]+)\\2\\s*,\\s*(?:allow\\(([^)]*)\\))?`, 'g'))];
    const registered = [...body.matchAll(new RegExp(`\\b${routerVar}\\.(get|post|put|patch|delete|head|options)\\(`, 'g'))];
    assert.equal(calls.length, registered.length, `${file}: every ${routerVar}.<method>( call must have a literal path`);
    assert.ok(calls.length > 0, `${factory} registers no routes`);
    for (const c of calls) {
      routes.push({
        method: c[1]!.toUpperCase(),
        path: (base + (c[3] === '/' ? '' : c[3])).replace(/:(\w+)/g, '{$1}'),
        open: !middleware!.split(',').map((s) => s.trim()).includes('auth'),
        roles: c[4] === undefined ? null : [...c[4].matchAll(/'([^']+)'/g)].map((r) => r[1]!),
      });
    }
  }
  return routes;
}

function documentedOperations(): { method: string; path: string; op: OperationObject }[] {
  return Object.entries(openApiDocument.paths).flatMap(([p, item]) =>
    httpMethods.filter((m) => item[m]).map((m) => ({ method: m.toUpperCase(), path: p, op: item[m]! })),
  );
}

function walk(node: unknown, at: string, visit: (node: Record<string, unknown>, at: string) => void): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${at}/${i}`, visit));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, at);
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, visit);
  }
}

function resolvePointer(ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `only local references are used: ${ref}`);
  let node: unknown = openApiDocument;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('OpenAPI document (api/openapi.ts)', () => {
  it('is an OpenAPI 3.0.3 document with the expected info, servers and bearer security', () => {
    assert.equal(openApiDocument.openapi, '3.0.3');
    assert.equal(openApiDocument.info.title, 'Production Dispatch API');
    assert.equal(openApiDocument.info.version, '0.1.0');
    for (const api of ['TMF622', 'TMF697', 'TMF688']) assert.match(openApiDocument.info.description, new RegExp(api));
    assert.deepEqual(openApiDocument.servers, [{ url: '/' }]);
    assert.deepEqual(openApiDocument.components.securitySchemes.bearerAuth, {
      ...openApiDocument.components.securitySchemes.bearerAuth, type: 'http', scheme: 'bearer',
    });
    assert.deepEqual(openApiDocument.security, [{ bearerAuth: [] }]);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(openApiDocument)));
  });

  it('every path has an operation; every operation has a unique operationId and responses with descriptions', () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries(openApiDocument.paths)) {
      assert.ok(p.startsWith('/'), p);
      const ops = httpMethods.filter((m) => item[m]);
      assert.ok(ops.length > 0, `${p} has no operation`);
      for (const m of ops) {
        const op = item[m]!;
        assert.ok(op.operationId && !ids.has(op.operationId), `${m} ${p}: missing or duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
        const statuses = Object.keys(op.responses);
        assert.ok(statuses.length > 0, `${m} ${p} has no responses`);
        assert.ok(statuses.some((s) => /^2/.test(s)), `${m} ${p} has no success response`);
        for (const s of statuses) {
          const r = op.responses[s]!;
          const resolved = ('$ref' in r ? resolvePointer(r.$ref) : r) as { description?: string; content?: unknown };
          assert.ok(resolved?.description, `${m} ${p} ${s} needs a description`);
          if (s !== '204') assert.ok(resolved.content, `${m} ${p} ${s} needs content`);
          else assert.equal(resolved.content, undefined, `${m} ${p} 204 has no body`);
        }
        for (const param of op.parameters ?? []) {
          const resolved = ('$ref' in param ? resolvePointer(param.$ref as string) : param) as { in?: string; name?: string };
          if (resolved.in === 'path') assert.ok(p.includes(`{${resolved.name}}`), `${m} ${p}: path parameter ${resolved.name} is not in the path`);
        }
        for (const name of p.matchAll(/\{(\w+)\}/g)) {
          const declared = (op.parameters ?? []).some((param) => !('$ref' in param) && param.in === 'path' && param.name === name[1]);
          assert.ok(declared, `${m} ${p}: path parameter ${name[1]} is not declared`);
        }
      }
    }
  });

  it('every $ref resolves, and nullable is only used next to a type', () => {
    let refs = 0;
    walk(openApiDocument, '#', (node, at) => {
      if (typeof node.$ref === 'string') {
        refs++;
        assert.notEqual(resolvePointer(node.$ref), undefined, `${at}: $ref ${node.$ref} does not resolve`);
      }
      if (node.nullable !== undefined) assert.ok(typeof node.type === 'string', `${at}: nullable needs a type in OpenAPI 3.0`);
    });
    assert.ok(refs > 50, `expected many references, found ${refs}`);
  });

  it('documents every route api/app.ts mounts, and nothing else', async () => {
    const mounted = await mountedRoutes();
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    assert.ok(mounted.length >= 15, `read only ${mounted.length} routes from the source: ${mounted.map(key).join(', ')}`);
    assert.deepEqual(documentedOperations().map(key).sort(), mounted.map(key).sort());
  });

  it('marks exactly the routes mounted without auth as open, and names the roles each route allows', async () => {
    const ops = new Map(documentedOperations().map((o) => [`${o.method} ${o.path}`, o.op]));
    for (const r of await mountedRoutes()) {
      const op = ops.get(`${r.method} ${r.path}`)!;
      if (r.open) assert.deepEqual(op.security, [], `${r.method} ${r.path} is mounted without auth`);
      else {
        assert.ok(op.security === undefined || op.security.length > 0, `${r.method} ${r.path} needs the bearer key`);
        assert.ok(op.responses['401'], `${r.method} ${r.path} documents 401`);
      }
      assert.deepEqual(op['x-roles'] ?? null, r.roles, `${r.method} ${r.path}: x-roles`);
      if (r.roles) assert.ok(op.responses['403'], `${r.method} ${r.path} documents 403`);
    }
  });

  it('uses the service\'s own enumerations', () => {
    const s = openApiDocument.components.schemas;
    assert.deepEqual(s.ProductOrderStateType!.enum, [...orderStates]);
    assert.deepEqual(s.ApiKeyRole!.enum, [...roles]);
  });
});

// --- fixtures ------------------------------------------------------------------------------------

function orderCreate(): ProductOrderCreate {
  return {
    externalId: 'crm-0001',
    priority: '2',
    category: 'residential',
    description: 'New installation',
    requestedStartDate: '2026-12-01T08:00:00+08:00',
    relatedParty: [{ id: 'cust-1001', role: 'Customer', '@referredType': 'Individual' }],
    productOrderItem: [{
      id: '1', action: 'add', productOffering: { id: 'home-package' },
      product: { place: [{ id: 'addr-xh-0001', role: 'installationAddress' }] },
    }],
    note: [{ text: 'call before coming' }],
  };
}

function orderRow(over: Partial<OrderRow> = {}): OrderRow {
  return {
    id: randomUUID(),
    state: 'inProgress',
    state_reason: null,
    customer_id: 'cust-1001',
    address_id: 'addr-xh-0001',
    area: 'HZ-XH',
    priority: 2,
    order_date: '2026-11-23T10:00:00.000Z',
    completion_date: null,
    body: orderCreate(),
    process_instance_key: '2251799813685249',
    created_at: new Date(),
    updated_at: new Date(),
    ...over,
  };
}

const itemRow = (orderId: string, state = 'inProgress'): ItemRow => ({
  order_id: orderId, item_id: '1', offering_id: 'home-package', action: 'add', quantity: 1, state,
});

function workOrderRow(over: Partial<WorkOrderRow> = {}): WorkOrderRow {
  const orderId = randomUUID();
  const businessResourceId = randomUUID();
  return {
    id: randomUUID(),
    subject_type: 'productOrder',
    subject_id: orderId,
    scope_key: businessResourceId,
    order_id: orderId,
    business_resource_id: businessResourceId,
    emergency: false,
    brief: null,
    kind: 'line',
    state: 'acknowledged',
    crew_id: 'crew-hz-xh-line',
    area: 'HZ-XH',
    skill: 'line',
    measurements: null,
    result: null,
    note: null,
    created_at: new Date(),
    accepted_at: null,
    closed_at: null,
    form_id: null,
    form_version: null,
    ...over,
  };
}

const plausibleOrder = () => {
  const row = orderRow();
  return toProductOrder(row, [itemRow(row.id)], new Map([['home-package', 'Smart Home package']]));
};

describe('assertMatchesOpenApi / assertRequestMatchesOpenApi (tests/support/openapi.ts)', () => {
  it('passes a ProductOrder as src/orders/representation.ts produces it, in every state', () => {
    assertMatchesOpenApi('GET', `${PO}/productOrder/{id}`, 200, plausibleOrder());
    assertMatchesOpenApi('POST', `${PO}/productOrder`, 201, plausibleOrder());
    assertMatchesOpenApi('GET', `${PO}/productOrder`, 200, [plausibleOrder(), plausibleOrder()]);
    const done = orderRow({ state: 'completed', completion_date: '2026-11-24T10:00:00.000Z' });
    assertMatchesOpenApi('GET', `${PO}/productOrder/:id`, 200, toProductOrder(done, [itemRow(done.id, 'completed')], new Map()));
    const rejected = orderRow({ state: 'rejected', state_reason: 'customer is blacklisted', process_instance_key: null });
    assertMatchesOpenApi('GET', `${PO}/productOrder/{id}`, 200, toProductOrder(rejected, [], new Map()));
  });

  it('throws an AssertionError naming the problem for a ProductOrder without id', () => {
    const { id: _id, ...withoutId } = plausibleOrder();
    assert.throws(
      () => assertMatchesOpenApi('GET', `${PO}/productOrder/{id}`, 200, withoutId),
      (err: unknown) => err instanceof AssertionError && /must have required property 'id'/.test(err.message),
    );
    assert.throws(() => assertMatchesOpenApi('GET', `${PO}/productOrder`, 200, [plausibleOrder(), withoutId]), AssertionError);
    assert.throws(() => assertMatchesOpenApi('GET', `${PO}/productOrder/{id}`, 200, { ...plausibleOrder(), state: 'done' }), AssertionError);
  });

  it('throws for undocumented statuses, paths, and a body where none is documented', () => {
    assert.throws(() => assertMatchesOpenApi('GET', `${PO}/productOrder/{id}`, 418, {}), /418 is not documented/);
    assert.throws(() => assertMatchesOpenApi('GET', `${PO}/nope`, 200, {}), /no path/);
    assert.throws(() => assertMatchesOpenApi('PUT', `${PO}/productOrder/{id}`, 200, {}), /no operation/);
    assertMatchesOpenApi('DELETE', `${PO}/hub/{id}`, 204, undefined);
    assert.throws(() => assertMatchesOpenApi('DELETE', `${PO}/hub/{id}`, 204, { id: 'x' }), /no body/);
  });

  it('passes WorkOrders as toWorkOrder produces them, before and after the close', () => {
    assertMatchesOpenApi('GET', `${WO}/workOrder/{id}`, 200, toWorkOrder(workOrderRow(), 'Line work (drop fibre)'));
    assertMatchesOpenApi('GET', `${WO}/workOrder/{id}`, 200, toWorkOrder(workOrderRow({ crew_id: null, area: null })));
    const closed = workOrderRow({
      state: 'completed', accepted_at: new Date(), closed_at: new Date(), measurements: { fiberLengthM: 140 }, result: 'done', note: 'ok',
    });
    assertMatchesOpenApi('PATCH', `${WO}/workOrder/{id}`, 200, toWorkOrder(closed, 'Line work'));
    assert.throws(() => assertMatchesOpenApi('GET', `${WO}/workOrder`, 200, [{ ...toWorkOrder(closed), extra: 1 }]), AssertionError);
  });

  it('passes a hub notification envelope and rejects an envelope without its order', () => {
    const event = { eventId: randomUUID(), eventTime: new Date().toISOString(), eventType: 'ProductOrderStateChangeEvent', event: { productOrder: plausibleOrder() } };
    assertMatchesSchema('ProductOrderEvent', event);
    assert.throws(() => assertMatchesSchema('ProductOrderEvent', { ...event, event: {} }), AssertionError);
  });

  it('accepts and rejects ProductOrder_Create bodies as the zod schema does', () => {
    const base = orderCreate();
    const cases: [string, unknown][] = [
      ['valid', base],
      ['lower-case roles', { ...base, relatedParty: [{ id: 'c', role: 'customer' }], productOrderItem: [{ ...base.productOrderItem[0], product: { place: [{ id: 'a', role: 'INSTALLATIONADDRESS' }] } }] }],
      ['extra attributes are kept', { ...base, '@type': 'ProductOrder', channel: [{ id: 'web' }], productOrderItem: [{ ...base.productOrderItem[0], itemPrice: [] }] }],
      ['no customer', { ...base, relatedParty: [{ id: 'c', role: 'Payer' }] }],
      ['party without role', { ...base, relatedParty: [{ id: 'c' }] }],
      ['no relatedParty', { ...base, relatedParty: [] }],
      ['no installation address', { ...base, productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'x' } }] }],
      ['installation address without id', { ...base, productOrderItem: [{ ...base.productOrderItem[0], product: { place: [{ role: 'installationAddress' }] } }] }],
      ['bad action', { ...base, productOrderItem: [{ ...base.productOrderItem[0], action: 'create' }] }],
      ['bad priority', { ...base, priority: '5' }],
      ['numeric priority', { ...base, priority: 2 }],
      ['quantity 0', { ...base, productOrderItem: [{ ...base.productOrderItem[0], quantity: 0 }] }],
      ['date without offset', { ...base, requestedStartDate: '2026-12-01T08:00:00' }],
      ['note without text', { ...base, note: [{}] }],
      ['not an object', []],
    ];
    for (const [name, body] of cases) {
      const zodOk = ProductOrderCreate.safeParse(body).success;
      let docOk = true;
      try {
        assertRequestMatchesOpenApi('POST', `${PO}/productOrder`, body);
      } catch (err) {
        assert.ok(err instanceof AssertionError);
        docOk = false;
      }
      assert.equal(docOk, zodOk, `${name}: zod says ${zodOk ? 'valid' : 'invalid'}, the OpenAPI document ${docOk ? 'valid' : 'invalid'}`);
    }
  });

  it('knows the two PATCH shapes of a work order and the API key request', () => {
    const p = `${WO}/workOrder/{id}`;
    assertRequestMatchesOpenApi('PATCH', p, { state: 'inProgress' });
    assertRequestMatchesOpenApi('PATCH', p, { state: 'completed', result: 'done', note: 'n', measurements: { a: 1 } });
    for (const bad of [{ state: 'inProgress', note: 'x' }, { state: 'cancelled' }, { state: 'completed', extra: 1 }, {}]) {
      assert.throws(() => assertRequestMatchesOpenApi('PATCH', p, bad), AssertionError, JSON.stringify(bad));
    }
    assertRequestMatchesOpenApi('POST', '/api/v1/admin/api-keys', { name: 'crew 1', roles: ['crew'], crewId: 'crew-1' });
    assert.throws(() => assertRequestMatchesOpenApi('POST', '/api/v1/admin/api-keys', { name: 'x', roles: [] }), AssertionError);
    assert.throws(() => assertRequestMatchesOpenApi('POST', '/api/v1/admin/api-keys', { name: 'x', roles: ['root'] }), AssertionError);
    assert.throws(() => assertRequestMatchesOpenApi('GET', `${PO}/productOrder`, { a: 1 }), /takes no body/);
  });
});

// --- the real routes against an in-memory stand-in for the database ------------------------------

type Row = Record<string, unknown>;

/**
 * Just enough of knex for the API routes: equality `where`, `whereIn`, `whereNull`, `whereRaw('false')`,
 * count, offset/limit, insert/update/delete with `returning`, transactions as plain calls. JSON
 * strings written to the jsonb-like columns read back as objects, as PostgreSQL does.
 */
function fakeDb(tables: Record<string, Row[]>): Db {
  const jsonColumns = new Set(['body', 'details', 'measurements', 'payload']);
  const stored = (values: Row): Row => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, jsonColumns.has(k) && typeof v === 'string' ? JSON.parse(v) : v]));
  const query = (table: string, inherited: ((r: Row) => boolean)[] = []) => {
    const rows = (tables[table] ??= []);
    const preds = [...inherited];
    let counting = false;
    let offset = 0;
    let limit = Infinity;
    let op: (() => unknown) | null = null;
    const matching = () => rows.filter((r) => preds.every((p) => p(r)));
    const run = () => {
      if (op) return op();
      if (counting) return [{ count: String(matching().length) }];
      return matching().slice(offset, offset + limit);
    };
    const q: Record<string, unknown> = {
      where(a: Row | string, b?: unknown) {
        if (typeof a === 'string') preds.push((r) => r[a] === b);
        else for (const [k, v] of Object.entries(a)) preds.push((r) => r[k] === v);
        return q;
      },
      whereIn(col: string, values: unknown[]) {
        preds.push((r) => values.includes(r[col]));
        return q;
      },
      whereNull(col: string) {
        preds.push((r) => r[col] === null || r[col] === undefined);
        return q;
      },
      whereRaw(sql: string) {
        if (sql === 'false') preds.push(() => false);
        return q;
      },
      count() {
        counting = true;
        return q;
      },
      offset(n: number) {
        offset = n;
        return q;
      },
      limit(n: number) {
        limit = n;
        return q;
      },
      clone() {
        return query(table, preds);
      },
      insert(values: Row | Row[]) {
        const defaults = () => ({ id: randomUUID(), created_at: new Date(), ...(table === 'trace_events' ? { step: null, scope_key: null, entered_at: null, at: new Date() } : {}) });
        const inserted = (Array.isArray(values) ? values : [values]).map((v) => ({ ...defaults(), ...stored(v) }));
        rows.push(...inserted);
        op = () => inserted;
        return q;
      },
      update(values: Row) {
        op = () => matching().map((r) => Object.assign(r, stored(values)));
        return q;
      },
      async delete() {
        const gone = matching();
        tables[table] = rows.filter((r) => !gone.includes(r));
        return gone.length;
      },
      async first() {
        return (run() as Row[])[0];
      },
      async pluck(col: string) {
        return (run() as Row[]).map((r) => r[col]);
      },
      // Writes here happen when built, so a batch of them (src/db/together.ts) has nothing left to
      // send; what the first of them returns is looked up by the name in its "SQL" (see raw below).
      toSQL: () => {
        const name = `fake${built.push(run)}`;
        return { sql: name, bindings: [], returning: '*' };
      },
      then(resolve: (v: unknown) => unknown, reject: (e: unknown) => unknown) {
        return Promise.resolve().then(run).then(resolve, reject);
      },
    };
    for (const chain of ['orderBy', 'select', 'returning', 'onConflict', 'merge', 'ignore', 'forUpdate']) q[chain] = () => q;
    return q;
  };
  const built: (() => unknown)[] = [];
  const db = Object.assign((table: string) => query(table), {
    raw: async (sql: string) => {
      const first = /^WITH w0 AS \(fake(\d+)\)/.exec(sql);
      return { rows: first ? built[Number(first[1]) - 1]!() : [{ '?column?': 1 }] };
    },
    // A select of named subqueries: each one's rows (the real one aggregates them to JSON).
    select: async (columns: Record<string, PromiseLike<unknown>>) => [Object.fromEntries(await Promise.all(Object.entries(columns).map(async ([k, v]) => [k, await v])))],
    transaction: async (fn: (trx: unknown) => unknown) => fn(db),
    fn: { now: () => new Date() },
  });
  return db as unknown as Db;
}

describe('the routes answer as the OpenAPI document says (no database: an in-memory stand-in)', () => {
  const adminKey = `dk_${randomUUID()}`;
  const crewKey = `dk_${randomUUID()}`;
  const order = orderRow();
  const workOrder = workOrderRow({ order_id: order.id, subject_id: order.id });
  const closedWorkOrder = workOrderRow({
    order_id: order.id, subject_id: order.id, kind: 'measurement', crew_id: 'crew-hz-xh-measurement', state: 'completed', accepted_at: new Date(), closed_at: new Date(),
    measurements: { opticalPowerDbm: -18.4 }, result: 'done', note: 'fine',
  });
  const tables: Record<string, Row[]> = {
    api_keys: [
      { id: randomUUID(), name: 'test admin', key_hash: hashKey(adminKey), roles: ['admin'], crew_id: null, revoked_at: null },
      { id: randomUUID(), name: 'crew member', key_hash: hashKey(crewKey), roles: ['crew'], crew_id: 'crew-hz-xh-line', revoked_at: null },
    ],
    crews: [{ id: 'crew-hz-xh-line', name: 'Xihu line', area: 'HZ-XH', skills: ['line'] }],
    addresses: [{ id: 'addr-xh-0001', area: 'HZ-XH', text: 'Xihu 1' }],
    product_offerings: [
      { id: 'home-package', name: 'Smart Home package', description: 'Broadband + IPTV', is_bundle: true, is_sellable: true, lifecycle_status: 'Active', version: '1.0', last_update: new Date() },
      { id: 'iptv-addon', name: 'IPTV add-on', description: null, is_bundle: false, is_sellable: true, lifecycle_status: 'Active', version: '1.0', last_update: new Date() },
    ],
    offering_bundle_items: [{ bundle_id: 'home-package', child_id: 'iptv-addon' }],
    offering_services: [{ offering_id: 'iptv-addon', service_spec_id: 'iptv', role: 'main' }],
    product_orders: [order as unknown as Row],
    // The view over the four flows' records, as PostgreSQL would show this order in it.
    dispatch_board: [{
      kind: 'productOrder', id: order.id, reference: null, party: order.customer_id, title: null, state: order.state,
      state_reason: order.state_reason, open: true, area: order.area, priority: order.priority, created_at: order.created_at,
      process_instance_key: order.process_instance_key,
    }],
    product_order_items: [itemRow(order.id) as unknown as Row],
    work_order_kinds: [{ kind: 'line', name: 'Line work (drop fibre)', skill: 'line' }],
    work_orders: [workOrder as unknown as Row, closedWorkOrder as unknown as Row],
    trace_events: [
      { id: 1, order_id: order.id, kind: 'state', step: null, scope_key: null, actor: 'api', outcome: 'acknowledged', entered_at: null, at: new Date(), details: null },
      { id: 2, order_id: order.id, kind: 'step', step: 'order.accept', scope_key: null, actor: 'workers', outcome: 'completed', entered_at: new Date(Date.now() - 50), at: new Date(), details: { a: 1 } },
    ],
    hubs: [],
    idempotency_keys: [],
    outbox: [],
  };
  let baseUrl = '';
  let close: () => Promise<void> = async () => undefined;
  let topologyHealthy = true;
  const noBroker = async (): Promise<never> => {
    throw new Error('no broker in this test');
  };

  before(async () => {
    const app = createApp({
      db: fakeDb(tables),
      zeebe: {
        topology: async () => {
          if (!topologyHealthy) throw new Error('gateway unavailable');
          return { brokers: [{ partitions: [{ health: 'HEALTHY' }] }] } as never;
        },
        deployResources: async () => {
          throw new Error('no broker in this test');
        },
        updateJobRetries: noBroker,
        resolveIncident: noBroker,
        modifyProcessInstance: noBroker,
        cancelProcessInstance: noBroker,
      },
      traceFeed: { subscribe: () => () => undefined },
      log: pino({ level: 'silent' }),
      onOutboxWrite: () => undefined,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  });
  after(() => close());

  async function call(method: string, url: string, opts: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(baseUrl + url, { method, headers, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Calls the route and checks status, body and the documented headers against the document. */
  async function expectDocumented(method: string, template: string, url: string, status: number, opts: Parameters<typeof call>[2] = {}) {
    const res = await call(method, url, opts);
    assert.equal(res.status, status, `${method} ${url}: ${JSON.stringify(res.body)}`);
    assertMatchesOpenApi(method, template, res.status, res.body);
    assert.ok(res.headers.get('x-request-id'), 'X-Request-Id');
    const op = openApiDocument.paths[template]![method.toLowerCase() as 'get']!;
    const documented = op.responses[String(status)]!;
    const headers = 'headers' in documented ? Object.keys(documented.headers ?? {}) : [];
    for (const h of headers) assert.ok(res.headers.get(h) !== null, `${method} ${url} ${status}: header ${h} is documented but missing`);
    return res;
  }

  it('health and /api-docs need no key', async () => {
    await expectDocumented('GET', '/health/live', '/health/live', 200);
    await expectDocumented('GET', '/health/ready', '/health/ready', 200);
    topologyHealthy = false;
    try {
      const down = await expectDocumented('GET', '/health/ready', '/health/ready', 503);
      assert.equal(down.body.checks.zeebe.status, 'DOWN');
    } finally {
      topologyHealthy = true;
    }
    const docs = await expectDocumented('GET', '/api-docs', '/api-docs', 200);
    assert.deepEqual(docs.body, JSON.parse(JSON.stringify(openApiDocument)));
  });

  it('errors have the documented Error shape', async () => {
    await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder`, 401);
    await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder`, 401, { key: 'dk_unknown' });
    await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder?colour=red`, 400, { key: adminKey });
    await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder?priority=9`, 400, { key: adminKey });
    await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder`, 403, { key: crewKey });
    await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 400, { key: adminKey, raw: '{"relatedParty": [' });
    await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 413, { key: adminKey, raw: JSON.stringify({ pad: 'x'.repeat(300_000) }) });
    const invalid = await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 400, { key: adminKey, body: { relatedParty: [] } });
    assert.ok(Array.isArray(invalid.body.details));
    await expectDocumented('GET', `${PO}/productOrder/{id}`, `${PO}/productOrder/${randomUUID()}`, 404, { key: adminKey });
    await expectDocumented('GET', `${PC}/productOffering/{id}`, `${PC}/productOffering/none`, 404, { key: adminKey });
  });

  it('product orders: create (with Idempotency-Key replay and misuse), list, read', async () => {
    const body = orderCreate();
    const headers = { 'Idempotency-Key': randomUUID() };
    const created = await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 201, { key: adminKey, body, headers });
    assert.equal(created.headers.get('location'), created.body.href);
    const replay = await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 200, { key: adminKey, body, headers });
    assert.equal(replay.body.id, created.body.id);
    await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 422, { key: adminKey, body: { ...body, externalId: 'other' }, headers });
    await expectDocumented('POST', `${PO}/productOrder`, `${PO}/productOrder`, 400, { key: adminKey, body, headers: { 'Idempotency-Key': 'k'.repeat(201) } });
    const list = await expectDocumented('GET', `${PO}/productOrder`, `${PO}/productOrder?offset=0&limit=10`, 200, { key: adminKey });
    assert.equal(list.headers.get('x-total-count'), '2');
    await expectDocumented('GET', `${PO}/productOrder/{id}`, `${PO}/productOrder/${order.id}`, 200, { key: adminKey });
  });

  it('hub: register and unregister a listener', async () => {
    const reg = await expectDocumented('POST', `${PO}/hub`, `${PO}/hub`, 201, { key: adminKey, body: { callback: 'http://127.0.0.1:9/listener' } });
    assert.equal(reg.body.query, null);
    await expectDocumented('POST', `${PO}/hub`, `${PO}/hub`, 400, { key: adminKey, body: { callback: 'not a url' } });
    await expectDocumented('DELETE', `${PO}/hub/{id}`, `${PO}/hub/${reg.body.id}`, 204, { key: adminKey });
    await expectDocumented('DELETE', `${PO}/hub/{id}`, `${PO}/hub/${reg.body.id}`, 404, { key: adminKey });
  });

  it('work orders: list, read, accept, close', async () => {
    const list = await expectDocumented('GET', `${WO}/workOrder`, `${WO}/workOrder?relatedEntity.id=${order.id}&fields=`, 200, { key: adminKey });
    assert.equal(list.body.length, 2);
    await expectDocumented('GET', `${WO}/workOrder/{id}`, `${WO}/workOrder/${closedWorkOrder.id}`, 200, { key: adminKey });
    await expectDocumented('PATCH', `${WO}/workOrder/{id}`, `${WO}/workOrder/${workOrder.id}`, 400, { key: crewKey, body: { state: 'done' } });
    const accepted = await expectDocumented('PATCH', `${WO}/workOrder/{id}`, `${WO}/workOrder/${workOrder.id}`, 200, {
      key: crewKey, body: { state: 'inProgress' }, headers: { 'content-type': 'application/merge-patch+json' },
    });
    assert.equal(accepted.body.state, 'inProgress');
    await expectDocumented('PATCH', `${WO}/workOrder/{id}`, `${WO}/workOrder/${closedWorkOrder.id}`, 403, { key: crewKey, body: { state: 'inProgress' } });
    await expectDocumented('PATCH', `${WO}/workOrder/{id}`, `${WO}/workOrder/${closedWorkOrder.id}`, 409, { key: adminKey, body: { state: 'completed' } });
  });

  it('catalog, trace and API keys', async () => {
    const offerings = await expectDocumented('GET', `${PC}/productOffering`, `${PC}/productOffering?isBundle=false`, 200, { key: crewKey });
    assert.deepEqual(offerings.body.map((o: { id: string }) => o.id), ['iptv-addon']);
    await expectDocumented('GET', `${PC}/productOffering/{id}`, `${PC}/productOffering/home-package`, 200, { key: crewKey });
    await expectDocumented('GET', '/api/v1/orders/{id}/trace', `/api/v1/orders/${order.id}/trace`, 200, { key: adminKey });
    await expectDocumented('POST', '/api/v1/admin/api-keys', '/api/v1/admin/api-keys', 201, { key: adminKey, body: { name: 'billing', roles: ['billing'] } });
    await expectDocumented('POST', '/api/v1/admin/api-keys', '/api/v1/admin/api-keys', 400, { key: adminKey, body: { name: 'crew', roles: ['crew'] } });
    await expectDocumented('POST', '/api/v1/admin/api-keys', '/api/v1/admin/api-keys', 403, { key: crewKey, body: { name: 'x', roles: ['admin'] } });
  });
});
