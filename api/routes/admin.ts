import { Router } from 'express';
import { z } from 'zod';
import { createApiKey, roles, type Role } from '../../src/auth/keys.js';
import { createUser, UsernameTaken } from '../../src/auth/users.js';
import type { Db } from '../../src/db/index.js';
import { allow } from '../auth.js';
import { badRequest, conflict, fromZod } from '../errors.js';

const KeyInput = z.object({
  name: z.string().min(1).max(200),
  roles: z.array(z.enum(roles)).min(1),
  crewId: z.string().max(100).optional(),
  posts: z.array(z.string().min(1).max(100)).max(50).optional(),
}).strict();

const UserInput = z.object({
  username: z.string().regex(/^[a-z0-9._-]{2,64}$/, 'lower-case letters, digits, dot, dash or underscore; 2 to 64'),
  password: z.string().min(10, 'at least 10 characters').max(200),
  name: z.string().min(1).max(200).optional(),
  roles: z.array(z.enum(roles)).min(1),
  crewId: z.string().max(100).optional(),
  posts: z.array(z.string().min(1).max(100)).max(50).optional(),
}).strict();

/** A crew member acts for one crew, a post holder for posts; those must exist. */
async function checkMembership(db: Db, input: { roles: Role[]; crewId?: string; posts?: string[] }): Promise<void> {
  if (input.roles.includes('crew') && !input.crewId) throw badRequest('a crew member needs crewId');
  if (input.crewId && !(await db('crews').where({ id: input.crewId }).first())) throw badRequest(`unknown crew ${input.crewId}`);
  const posts = [...new Set(input.posts ?? [])];
  const known = posts.length ? await db('posts').whereIn('id', posts).pluck('id') : [];
  const unknown = posts.filter((p) => !known.includes(p));
  if (unknown.length) throw badRequest(`unknown post ${unknown.join(', ')}`);
}

/** Administrators issue API keys to client systems (CRM, billing, NMS) and create the people who log in. */
export function adminRoutes(deps: { db: Db }): Router {
  const r = Router();
  r.post('/api-keys', allow('admin'), async (req, res) => {
    const parsed = KeyInput.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    await checkMembership(deps.db, parsed.data);
    const { principal, key } = await createApiKey(deps.db, parsed.data);
    res.status(201).json({ ...principal, key });
  });
  r.post('/users', allow('admin'), async (req, res) => {
    const parsed = UserInput.safeParse(req.body);
    if (!parsed.success) throw fromZod(parsed.error);
    await checkMembership(deps.db, parsed.data);
    try {
      res.status(201).json(await createUser(deps.db, parsed.data));
    } catch (err) {
      if (err instanceof UsernameTaken) throw conflict(err.message);
      throw err;
    }
  });
  return r;
}
