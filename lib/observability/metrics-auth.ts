// Who may read the metrics: only a request carrying `Authorization: Bearer <METRICS_TOKEN>`.
// Pure, so its tests run without a server. Both sides are hashed before the constant-time
// compare, so neither the comparison's time nor a length check tells a caller the token's length.
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = "allowed" | "not_configured" | "refused";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Equal strings, compared in time that depends on neither's content nor length. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

export function metricsAccess(
  authorization: string | null,
  token: string | undefined,
): MetricsAccess {
  if (!token) return "not_configured";
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  // Compared even when the header is missing, so a refusal always takes the same time.
  const ok = sameSecret(match?.[1] ?? "", token);
  return ok && match ? "allowed" : "refused";
}
