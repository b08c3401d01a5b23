import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import { hashKey, type Principal, type Role } from './keys.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';

export const sessionPrefix = 'ds_';
/** A working day: long enough for a shift, short enough that a forgotten browser does not stay logged in. */
export const sessionTtlMs = 10 * 3600_000;

export interface UserView {
  id: string;
  username: string;
  name: string;
  roles: Role[];
  crewId: string | null;
  posts: string[];
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: Role[];
  crew_id: string | null;
  posts: string[];
}

const toUser = (r: UserRow): UserView => ({
  id: r.id, username: r.username, name: r.display_name, roles: r.roles, crewId: r.crew_id, posts: r.posts,
});

export class UsernameTaken extends Error {}

export async function createUser(
  db: Db,
  input: { username: string; password: string; name?: string; roles: Role[]; crewId?: string | null; posts?: string[] },
): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db('users')
    .insert({ username: input.username, display_name: input.name ?? input.username, password_hash: passwordHash, roles: input.roles, crew_id: input.crewId ?? null, posts: input.posts ?? [] })
    .onConflict('username')
    .ignore()
    .returning('*');
  if (!row) throw new UsernameTaken(`username ${input.username} is taken`);
  return toUser(row);
}

/**
 * Username and password for a session token. The browser keeps the token, never the password,
 * and the token expires and can be revoked; only its hash is stored, like an API key's.
 */
export async function logIn(db: Db, username: string, password: string): Promise<{ token: string; expiresAt: Date; user: UserView } | null> {
  const row: UserRow | undefined = await db('users').where({ username }).whereNull('disabled_at').first();
  const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  if (!row || !ok) return null;
  const token = `${sessionPrefix}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + sessionTtlMs);
  await db('user_sessions').insert({ token_hash: hashKey(token), user_id: row.id, expires_at: expiresAt });
  return { token, expiresAt, user: toUser(row) };
}

export async function authenticateSession(db: Db, token: string): Promise<Principal | null> {
  const row = await db('user_sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', hashKey(token))
    .whereNull('s.revoked_at')
    .whereNull('u.disabled_at')
    .where('s.expires_at', '>', db.fn.now())
    .first('u.id', 'u.display_name', 'u.roles', 'u.crew_id', 'u.posts');
  return row ? { id: row.id, name: row.display_name, roles: row.roles, crewId: row.crew_id, posts: row.posts } : null;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db('user_sessions').where({ token_hash: hashKey(token) }).update({ revoked_at: db.fn.now() });
}
