import { AssertionError } from 'node:assert';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  openApiDocument, type OperationObject, type RefObject, type ResponseObject, type SchemaObject,
} from '../../api/openapi.js';

/**
 * Validates bodies against the schemas of api/openapi.ts with Ajv. OpenAPI 3.0 `nullable` is
 * Ajv 8's own `nullable` keyword; the `x-contains` extension becomes JSON Schema `contains`;
 * `#/components/schemas/...` references resolve inside one schema document registered with Ajv.
 */

const DOC_ID = 'https://production-dispatch.invalid/openapi.json';

// ajv-formats is CommonJS; depending on the loader its default import is the plugin or the module.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule;

let ajvInstance: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();

/** `x-contains` → `contains`; local `#/...` references → the registered document. */
function forAjv(node: unknown, rewriteRefs: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => forAjv(n, rewriteRefs));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && rewriteRefs && v.startsWith('#/')) out.$ref = `${DOC_ID}${v}`;
    else if (k === 'x-contains') out.contains = forAjv(v, rewriteRefs);
    else out[k] = forAjv(v, rewriteRefs);
  }
  return out;
}

function ajv(): Ajv {
  if (ajvInstance) return ajvInstance;
  // strict: false because OpenAPI adds keywords JSON Schema does not know (example, discriminator, x-...).
  const instance = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(instance);
  instance.addSchema({ $id: DOC_ID, components: { schemas: forAjv(openApiDocument.components.schemas, false) } });
  ajvInstance = instance;
  return instance;
}

const normalisePath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function fail(message: string, actual?: unknown): never {
  throw new AssertionError({ message, actual, expected: undefined, operator: 'matchesOpenApi' });
}

function operation(method: string, pathTemplate: string): OperationObject {
  const p = normalisePath(pathTemplate);
  const item = openApiDocument.paths[p];
  if (!item) fail(`the OpenAPI document has no path ${p}`);
  const op = item[method.toLowerCase() as keyof typeof item];
  if (!op || Array.isArray(op)) fail(`the OpenAPI document has no operation ${method.toUpperCase()} ${p}`);
  return op as OperationObject;
}

function resolveResponse(r: ResponseObject | RefObject): ResponseObject {
  if (!('$ref' in r)) return r;
  const name = /^#\/components\/responses\/(.+)$/.exec(r.$ref)?.[1];
  const resolved = name ? openApiDocument.components.responses[name] : undefined;
  if (!resolved) fail(`unresolvable response reference ${r.$ref}`);
  return resolved;
}

function compile(key: string, schema: SchemaObject | undefined): ValidateFunction | null {
  if (validators.has(key)) return validators.get(key)!;
  const v = schema ? ajv().compile(forAjv(schema, true) as SchemaObject) : null;
  validators.set(key, v);
  return v;
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `  - ${e.instancePath || '(root)'}: ${e.message ?? e.keyword}${Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`)
    .join('\n');
}

function check(v: ValidateFunction, body: unknown, what: string): void {
  if (v(body)) return;
  fail(`${what} does not match the OpenAPI document:\n${formatErrors(v.errors)}\nbody: ${JSON.stringify(body)?.slice(0, 2000)}`, body);
}

const isEmpty = (body: unknown) => body === undefined || body === null || body === '';

/**
 * Asserts that `body` is what the OpenAPI document says `method pathTemplate` answers with
 * `status`. `pathTemplate` is the documented path (`/productOrder/{id}`; `:id` works too).
 * A status the operation does not document fails; so does a body on a response without content.
 */
export function assertMatchesOpenApi(method: string, pathTemplate: string, status: number, body: unknown): void {
  const op = operation(method, pathTemplate);
  const what = `${method.toUpperCase()} ${normalisePath(pathTemplate)} ${status}`;
  const documented = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  if (!documented) fail(`${what}: status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`, body);
  const schema = resolveResponse(documented).content?.['application/json']?.schema;
  const v = compile(`response ${what}`, schema);
  if (!v) {
    if (!isEmpty(body)) fail(`${what}: the document says this response has no body, got ${JSON.stringify(body)}`, body);
    return;
  }
  check(v, body, `${what} response body`);
}

/** Asserts that `body` is a request body the OpenAPI document allows for `method pathTemplate` (application/json). */
export function assertRequestMatchesOpenApi(method: string, pathTemplate: string, body: unknown): void {
  const op = operation(method, pathTemplate);
  const what = `${method.toUpperCase()} ${normalisePath(pathTemplate)}`;
  const schema = op.requestBody?.content['application/json']?.schema;
  if (!schema) {
    if (!isEmpty(body)) fail(`${what}: the document says this operation takes no body`, body);
    return;
  }
  check(compile(`request ${what}`, schema)!, body, `${what} request body`);
}

/** Asserts that `value` matches `#/components/schemas/<name>`, e.g. a hub notification against ProductOrderEvent. */
export function assertMatchesSchema(name: string, value: unknown): void {
  if (!openApiDocument.components.schemas[name]) fail(`the OpenAPI document has no schema ${name}`);
  check(compile(`schema ${name}`, { $ref: `#/components/schemas/${name}` })!, value, name);
}
