/**
 * A site is built, and accepted, in rounds: a failed acceptance test sends it back to construction.
 * Each round's work orders are their own (a work order is unique per subject, scope and kind), so
 * the round is part of the scope key. The first round's key is the site alone, as it was before
 * rebuilds existed, so work orders and flows from then read the same.
 */
export const siteScope = (siteId: string, round: number) => (round <= 1 ? siteId : `${siteId}:round-${round}`);

export function parseSiteScope(scopeKey: string): { siteId: string; round: number } {
  const [siteId = scopeKey, round] = scopeKey.split(':round-');
  return { siteId, round: round ? Number(round) : 1 };
}
