// Who may read /api/metrics (lib/observability/metrics-auth.ts): nobody when METRICS_TOKEN is
// unset (the route is absent), only the exact bearer token otherwise, and the token is compared
// as SHA-256 digests in constant time, whatever the length of what was sent.
import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { metricsAccess, sameSecret } from "@/lib/observability/metrics-auth";

vi.mock("node:crypto", async (original) => {
  const real = await original<typeof crypto>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const TOKEN = "a3f1c09b7e2d4586a3f1c09b7e2d4586a3f1c09b7e2d4586";

describe("metrics access", () => {
  it("is absent without a token, whatever is sent", () => {
    expect(metricsAccess(null, undefined)).toBe("not_configured");
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("not_configured");
    expect(metricsAccess("Bearer ", "")).toBe("not_configured");
  });

  it("allows the exact bearer token only", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    expect(metricsAccess(`bearer ${TOKEN}`, TOKEN)).toBe("allowed");
    for (const wrong of [
      null,
      "",
      "Bearer",
      "Bearer ",
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}0`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer ${TOKEN} extra`,
    ]) {
      expect(metricsAccess(wrong, TOKEN), String(wrong)).toBe("refused");
    }
  });

  it("compares 32-byte digests in constant time, also for a missing header or another length", () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    for (const header of [null, "Bearer x", `Bearer ${TOKEN}${TOKEN}`, `Bearer ${TOKEN}`])
      metricsAccess(header, TOKEN);
    expect(compare).toHaveBeenCalledTimes(4);
    for (const [a, b] of compare.mock.calls) {
      expect((a as Buffer).byteLength).toBe(32);
      expect((b as Buffer).byteLength).toBe(32);
    }
    // timingSafeEqual itself throws on buffers of different lengths: the digests never are.
    expect(sameSecret("short", TOKEN)).toBe(false);
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
  });
});
