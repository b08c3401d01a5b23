/** The one way the app talks to the service: the same authenticated API every other client uses. */

export interface Problem {
  id?: string;
  path?: string;
  message: string;
  category?: string;
  rule?: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly details: (Problem | string)[] = []) {
    super(message);
  }
}

const tokenKey = 'dispatch.token';

export const credentials = {
  get: () => localStorage.getItem(tokenKey),
  set: (token: string) => localStorage.setItem(tokenKey, token),
  clear: () => localStorage.removeItem(tokenKey),
};

let onUnauthorized: () => void = () => undefined;
/** The shell sends people back to the login page when their session has expired. */
export const setUnauthorizedHandler = (f: () => void) => {
  onUnauthorized = f;
};

export async function api<T>(method: string, path: string, body?: unknown, opts: { contentType?: string; total?: (n: number) => void } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const token = credentials.get();
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    payload = typeof body === 'string' && opts.contentType ? body : JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload });
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/v1/session') onUnauthorized();
    throw new ApiError(res.status, data?.message ?? res.statusText, data?.details ?? []);
  }
  opts.total?.(Number(res.headers.get('x-total-count') ?? 0));
  return data as T;
}

export interface Me {
  name: string;
  roles: string[];
  crewId: string | null;
  /** Posts (岗位) whose tasks this person answers. */
  posts: string[];
  kind: 'session' | 'apiKey';
}

export const can = (me: Me | null, ...roles: string[]) => !!me && (me.roles.includes('admin') || roles.some((r) => me.roles.includes(r)));

/** A post's holders answer its tasks; dispatchers see every post's, to chase them. */
export const seesTasks = (me: Me | null) => !!me && (me.posts.length > 0 || can(me, 'dispatcher'));
