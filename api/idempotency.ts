import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Db, Tx } from '../src/db/index.js';
import { badRequest, unprocessable } from './errors.js';

export const requestHash = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * `Idempotency-Key`: the first request with a key stores the id of what it created, in the same
 * transaction. A repeat with the same body gets that resource back; with another body, 422.
 * Concurrent repeats wait on the primary key, so only one of them creates anything.
 */
export async function claimIdempotencyKey(
  trx: Tx,
  apiKeyId: string,
  key: string,
  body: unknown,
  create: () => Promise<string>,
): Promise<{ resourceId: string; replayed: boolean }> {
  const hash = requestHash(body);
  const existing = await trx('idempotency_keys').where({ api_key_id: apiKeyId, key }).first();
  if (existing) return checkReplay(existing, hash);
  const resourceId = await create();
  const inserted = await trx('idempotency_keys')
    .insert({ api_key_id: apiKeyId, key, request_hash: hash, resource_id: resourceId })
    .onConflict(['api_key_id', 'key'])
    .ignore()
    .returning('key');
  if (inserted.length === 0) throw new IdempotencyRace();
  return { resourceId, replayed: false };
}

function checkReplay(row: { request_hash: string; resource_id: string }, hash: string) {
  if (row.request_hash !== hash) {
    throw unprocessable('Idempotency-Key was already used with a different request body');
  }
  return { resourceId: row.resource_id, replayed: true };
}

/** Lost the race to a concurrent request with the same key: roll back and read the winner's result. */
export class IdempotencyRace extends Error {}

/**
 * A POST that creates one resource, in one transaction, honouring the request's `Idempotency-Key`.
 * Losing the race to a concurrent request with the same key rolls back and replays the winner.
 * `withoutKey`, for a creation whose writes are atomic by themselves, runs instead when the
 * request has no key, outside a transaction: BEGIN and COMMIT are two round trips of a POST the
 * caller waits for.
 */
export async function createOnce(
  db: Db,
  req: Request,
  make: (trx: Tx) => Promise<string>,
  opts: { withoutKey?: (db: Db) => Promise<string> } = {},
): Promise<{ resourceId: string; replayed: boolean }> {
  const idemKey = req.get('idempotency-key');
  if (idemKey !== undefined && (idemKey.length === 0 || idemKey.length > 200)) throw badRequest('Idempotency-Key must be 1 to 200 characters');
  if (idemKey === undefined && opts.withoutKey) return { resourceId: await opts.withoutKey(db), replayed: false };
  const attempt = () => db.transaction(async (trx) => {
    if (!idemKey) return { resourceId: await make(trx), replayed: false };
    return claimIdempotencyKey(trx, req.principal!.id, idemKey, req.body, () => make(trx));
  });
  try {
    return await attempt();
  } catch (err) {
    if (!(err instanceof IdempotencyRace)) throw err;
    return attempt();
  }
}
