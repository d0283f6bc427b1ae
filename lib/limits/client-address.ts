// The client's address, for limits keyed by it. Behind N trusted proxies, each appends the address
// it received the request from to X-Forwarded-For, so the client is the N-th entry from the right;
// anything further left is whatever the client itself sent. With no trusted proxy (the default)
// the header is the client's own word, and there is no address to key on.
export function clientAddress(headers: Headers, trustedProxyHops: number): string | null {
  if (trustedProxyHops <= 0) return null;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length < trustedProxyHops) return null;
  const address = entries[entries.length - trustedProxyHops]!;
  // An address, not free text: IPv4, IPv6 (optionally bracketed, with a port or zone).
  return /^[0-9A-Fa-f.:[\]%]{2,64}$/.test(address) ? address : null;
}
