import type { Request, RequestHandler } from 'express';
import { cachedKeyLookup } from '../src/auth/key-cache.js';
import { authenticate, type Principal, type Role } from '../src/auth/keys.js';
import { authenticateSession, sessionPrefix } from '../src/auth/users.js';
import type { Db } from '../src/db/index.js';
import { ApiError, forbidden } from './errors.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      principal?: Principal;
      log?: import('pino').Logger;
    }
  }
}

export const bearerToken = (req: Request): string | undefined => /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];

/**
 * Every route but health and login needs `Authorization: Bearer <key>`: an API key or a person's
 * session token. API keys are remembered for `apiKeyCacheMs` (see cachedKeyLookup); session tokens
 * are read every time, so signing out takes effect at once.
 */
export function requireAuth(db: Db, opts: { apiKeyCacheMs?: number } = {}): RequestHandler {
  const apiKey = cachedKeyLookup((key) => authenticate(db, key), { ttlMs: opts.apiKeyCacheMs ?? 0 });
  return async (req, _res, next) => {
    // Several routers share a base path; the key is looked up once per request.
    if (req.principal) return next();
    const token = bearerToken(req);
    if (!token) return next(new ApiError(401, 'Unauthorized', 'send Authorization: Bearer <api key or session token>'));
    const principal = token.startsWith(sessionPrefix) ? await authenticateSession(db, token) : await apiKey(token);
    if (!principal) return next(new ApiError(401, 'Unauthorized', 'unknown, expired or revoked API key or session'));
    req.principal = principal;
    req.log = req.log?.child({ client: principal.name });
    next();
  };
}

/** Administrators may do everything; other keys only what one of their roles allows. */
export function allow(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal!;
    if (p.roles.includes('admin') || p.roles.some((r) => roles.includes(r))) return next();
    next(forbidden(`this needs one of the roles: ${roles.join(', ')}`));
  };
}
