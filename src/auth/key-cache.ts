import type { Principal } from './keys.js';

export type KeyLookup = (key: string) => Promise<Principal | null>;

/**
 * Remembers the principals of API keys that authenticated, for `ttlMs`: machine clients send the
 * same key with every request, and reading `api_keys` each time cost a round trip per request.
 * The price is that a key revoked (or given other roles) in the database keeps its old meaning in
 * each API process for up to `ttlMs`. Unknown and revoked keys are not remembered, so a new key
 * works at once and a wrong one is asked about every time. `ttlMs = 0` turns the cache off.
 */
export function cachedKeyLookup(lookup: KeyLookup, opts: { ttlMs: number; now?: () => number; maxEntries?: number }): KeyLookup {
  const { ttlMs, now = Date.now, maxEntries = 10_000 } = opts;
  if (ttlMs <= 0) return lookup;
  const entries = new Map<string, { principal: Principal; until: number }>();
  return async (key) => {
    const hit = entries.get(key);
    if (hit && hit.until > now()) return hit.principal;
    entries.delete(key);
    const principal = await lookup(key);
    if (principal) {
      // Real keys are few; the bound only keeps a flood of distinct valid keys from growing the map.
      if (entries.size >= maxEntries) entries.clear();
      entries.set(key, { principal, until: now() + ttlMs });
    }
    return principal;
  };
}
