import { openApiDocument } from '../../api/openapi.js';
import { assertMatchesOpenApi } from './openapi.js';

const templates = Object.keys(openApiDocument.paths).map((t) => ({
  template: t,
  pattern: new RegExp(`^${t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The documented path template a concrete path falls under, if any. */
export function templateOf(path: string): string | undefined {
  const bare = path.split('?')[0]!;
  return templates.find((t) => t.pattern.test(bare))?.template;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A small HTTP client for the API, as any client system would call it. Every JSON answer is
 * checked against the OpenAPI document, so each story is also a contract test; answers to
 * `fields=` selections are partial by design and skip that check.
 */
export function apiClient(baseUrl: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    opts: { key?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const template = templateOf(path);
    if (template && !/[?&]fields=/.test(path) && res.headers.get('content-type')?.includes('json')) {
      assertMatchesOpenApi(method, template, res.status, parsed);
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
