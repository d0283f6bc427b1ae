// How many payment attempts (new orders and "pay again") one cart and one client address may
// start per hour. Each attempt is a signed DOKU call and a row of someone's name, email and
// phone: a script must not be able to make them without end. Counted in the transaction that
// creates the attempt, in the database, so every instance shares the count.
import type { Tx } from "@/lib/db/connection";
import { countHit } from "@/lib/limits/rate-limits";

export const ATTEMPT_LIMITS = { perCart: 5, perAddress: 20, windowMs: 60 * 60_000 } as const;

export type AttemptSlot = { ok: true } | { ok: false; retryAfterMs: number };

export async function takeAttemptSlot(
  tx: Tx,
  who: { cartId: string | null; address: string | null },
  now = new Date(),
): Promise<AttemptSlot> {
  const limits: [string, number][] = [];
  if (who.cartId) limits.push([`checkout:cart:${who.cartId}`, ATTEMPT_LIMITS.perCart]);
  if (who.address) limits.push([`checkout:address:${who.address}`, ATTEMPT_LIMITS.perAddress]);
  let retryAfterMs = 0;
  for (const [key, limit] of limits) {
    const counter = await countHit(tx, key, ATTEMPT_LIMITS.windowMs, now);
    if (counter.count > limit) {
      retryAfterMs = Math.max(
        retryAfterMs,
        counter.windowStartedAt.getTime() + ATTEMPT_LIMITS.windowMs - now.getTime(),
      );
    }
  }
  return retryAfterMs > 0 ? { ok: false, retryAfterMs } : { ok: true };
}

/**
 * The whole minutes the shopper is asked to wait when the limit holds (at least 1): the value of
 * the message shop.checkout.problem.tooManyAttempts, shown by the checkout form and the order page.
 */
export function retryMinutes(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 60_000));
}
