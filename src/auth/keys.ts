import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';

export const roles = ['admin', 'dispatcher', 'designer', 'crew', 'crm', 'billing', 'nms', 'planning'] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  crewId: string | null;
  /** The posts (岗位) whose tasks this principal may act on. */
  posts: string[];
}

/** Keys are random and long, so one fast hash is enough; only the hash is stored. */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createApiKey(
  db: Db,
  input: { name: string; roles: Role[]; crewId?: string | null; posts?: string[]; key?: string },
): Promise<{ principal: Principal; key: string }> {
  const key = input.key ?? `dk_${randomBytes(24).toString('base64url')}`;
  const [row] = await db('api_keys')
    .insert({ name: input.name, key_hash: hashKey(key), roles: input.roles, crew_id: input.crewId ?? null, posts: input.posts ?? [] })
    .onConflict('key_hash')
    .merge(['name', 'roles', 'crew_id', 'posts'])
    .returning('*');
  return { principal: toPrincipal(row), key };
}

export async function authenticate(db: Db, key: string): Promise<Principal | null> {
  const row = await db('api_keys').where({ key_hash: hashKey(key) }).whereNull('revoked_at').first();
  return row ? toPrincipal(row) : null;
}

/**
 * ADMIN_API_KEY, when set, is an administrator's key. Without it the first start creates one
 * and returns it so the caller can print it once; later starts find the existing administrator.
 */
export async function bootstrapAdmin(db: Db, adminKey: string | undefined): Promise<string | null> {
  if (adminKey) {
    await createApiKey(db, { name: 'administrator (ADMIN_API_KEY)', roles: ['admin'], key: adminKey });
    return null;
  }
  const existing = await db('api_keys').whereRaw("'admin' = ANY(roles)").whereNull('revoked_at').first();
  if (existing) return null;
  const { key } = await createApiKey(db, { name: 'administrator (generated)', roles: ['admin'] });
  return key;
}

function toPrincipal(row: { id: string; name: string; roles: Role[]; crew_id: string | null; posts: string[] }): Principal {
  return { id: row.id, name: row.name, roles: row.roles, crewId: row.crew_id, posts: row.posts };
}
