// How often one client address may post the public link forms (accept an invitation, set a
// password through a reset link), together: each post may run scrypt (~128 MiB, a third of a
// second), so a client is held to LINK_LIMITS.perClient an hour, counted in the database's
// rate_limits table (lib/limits/rate-limits.ts) so the limit holds on every instance and across
// restarts. Without a trusted client address there is no key, as for the reset limits.
import type { Tx } from "@/lib/db/connection";
import { countHit } from "@/lib/limits/rate-limits";

export const LINK_LIMITS = {
  perClient: 20,
  windowMs: 60 * 60_000,
} as const;

export function linkClientKey(clientAddress: string | null): string | null {
  return clientAddress ? `link:address:${clientAddress.slice(0, 64)}` : null;
}

/**
 * Counts one link post from `clientAddress`: null when it is within the limit, else the minutes
 * (at least 1) until its window ends.
 */
export async function countLinkPost(
  tx: Tx,
  clientAddress: string | null,
  now: Date,
): Promise<number | null> {
  const key = linkClientKey(clientAddress);
  if (!key) return null;
  const counter = await countHit(tx, key, LINK_LIMITS.windowMs, now);
  if (counter.count <= LINK_LIMITS.perClient) return null;
  const leftMs = counter.windowStartedAt.getTime() + LINK_LIMITS.windowMs - now.getTime();
  return Math.max(1, Math.ceil(leftMs / 60_000));
}
