// How often a password reset may be asked for: per address typed (so nobody's inbox is flooded)
// and per client address (so one client cannot walk through many addresses), and for the whole
// shop (so without trusted proxies, when no client address is known, a script walking through
// addresses still cannot fill the activity log, which keeps entries two years). Fixed windows of an
// hour in the database's rate_limits table (lib/limits/rate-limits.ts), shared by every instance
// and kept across restarts. Beyond a limit nothing is sent, and the page still answers the same.
export const RESET_LIMITS = {
  perAddress: 3,
  perClient: 10,
  perShop: 100,
  windowMs: 60 * 60_000,
} as const;

export function resetKeys(email: string, clientAddress: string | null) {
  return {
    address: `reset:account:${email.trim().toLowerCase().slice(0, 254)}`,
    client: clientAddress ? `reset:address:${clientAddress.slice(0, 64)}` : null,
    shop: "reset:shop",
  };
}
