import { Router } from 'express';
import { z } from 'zod';
import { logIn, revokeSession, sessionPrefix } from '../../src/auth/users.js';
import type { Db } from '../../src/db/index.js';
import { bearerToken } from '../auth.js';
import { ApiError, fromZod } from '../errors.js';

const Credentials = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict();

/** Login is the one /api/v1 route without a key: it is how a person gets one. */
export function loginRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.post('/session', async (req, res) => {
    const parsed = Credentials.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    const session = await logIn(deps.db, parsed.data.username, parsed.data.password);
    if (!session) throw new ApiError(401, 'Unauthorized', 'unknown username or wrong password');
    req.log?.info({ user: session.user.username }, 'logged in');
    res.status(201).json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user: session.user });
  });
  return r;
}

/** Who the bearer of a key or session token is (the app shows what its roles allow), and logout. */
export function sessionRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.get('/session', (req, res) => {
    const p = req.principal!;
    res.json({ name: p.name, roles: p.roles, crewId: p.crewId, posts: p.posts, kind: bearerToken(req)!.startsWith(sessionPrefix) ? 'session' : 'apiKey' });
  });
  r.delete('/session', async (req, res) => {
    const token = bearerToken(req)!;
    if (token.startsWith(sessionPrefix)) await revokeSession(deps.db, token);
    res.status(204).end();
  });
  return r;
}
