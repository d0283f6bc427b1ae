// How often "Find my order" may be asked: per mailbox typed (so nobody's inbox is flooded with
// order links), per client address (so one client cannot walk through references), and for the
// whole shop (so without trusted proxies a script still cannot run through addresses). Fixed
// windows of an hour in the rate_limits table (lib/limits/rate-limits.ts), shared by every
// instance. Beyond a limit nothing is sent, and the page answers the same as always.
import { mailboxKey } from "@/lib/limits/mailbox";

export const FIND_ORDER_LIMITS = {
  perAddress: 3,
  perClient: 10,
  perShop: 200,
  windowMs: 60 * 60_000,
} as const;

export function findOrderKeys(email: string, clientAddress: string | null) {
  return {
    address: `find-order:mailbox:${mailboxKey(email).slice(0, 254)}`,
    client: clientAddress ? `find-order:address:${clientAddress.slice(0, 64)}` : null,
    shop: "find-order:shop",
  };
}
