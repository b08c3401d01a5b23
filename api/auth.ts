import type { RequestHandler } from 'express';
import { authenticate, type Principal, type Role } from '../src/auth/keys.js';
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

/** Every route but health needs `Authorization: Bearer <key>`. */
export function requireAuth(db: Db): RequestHandler {
  return async (req, _res, next) => {
    // Several routers share a base path; the key is looked up once per request.
    if (req.principal) return next();
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return next(new ApiError(401, 'Unauthorized', 'send Authorization: Bearer <api key>'));
    const principal = await authenticate(db, m[1]!);
    if (!principal) return next(new ApiError(401, 'Unauthorized', 'unknown or revoked API key'));
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
