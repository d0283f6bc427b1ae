// The back office's pure helpers: the post-sign-in redirect and the Check Status message.
import { describe, expect, it } from "vitest";
import { describeCheckStatus } from "@/lib/admin/check-status-message";
import { safeAdminRedirect } from "@/lib/admin/redirect";
import type { TransitionResult } from "@/lib/payments/transitions";

describe("safeAdminRedirect", () => {
  it.each([
    ["/admin", "/admin"],
    ["/admin/orders/12", "/admin/orders/12"],
    ["/admin?status=paid&page=2", "/admin?status=paid&page=2"],
  ])("keeps %s", (from, to) => expect(safeAdminRedirect(from)).toBe(to));

  it.each([
    undefined,
    "",
    "/",
    "//evil.example/admin",
    "https://evil.example/admin",
    "/administrator",
    "/admin.evil.example",
    "/admin/\\evil",
    "/admin/\nx",
    "/admin/sign-in",
    "/admin/sign-in?from=/admin",
    "/orders/abc",
    ["/admin/orders/1"],
  ])("sends %j to /admin", (from) => expect(safeAdminRedirect(from)).toBe("/admin"));
});

describe("describeCheckStatus", () => {
  const ok = (providerStatus: "SUCCESS" | "PENDING" | "FAILED", result: TransitionResult) =>
    describeCheckStatus({ ok: true, status: "paid", providerStatus, result });
  const applied = (to: "paid" | "failed", order: "changed" | "already_paid" | "superseded" | "unchanged"): TransitionResult => ({
    kind: "applied",
    to,
    order,
  });

  it("says what DOKU answered and what changed", () => {
    expect(ok("SUCCESS", applied("paid", "changed"))).toEqual({ ok: true, message: "DOKU says SUCCESS — order paid" });
    expect(ok("PENDING", { kind: "no_change" }).message).toBe(
      "DOKU says PENDING — still waiting for the shopper, nothing changed",
    );
    expect(ok("FAILED", applied("failed", "superseded")).message).toMatch(/newer attempt owns the order/);
    expect(ok("FAILED", applied("failed", "changed")).message).toBe("DOKU says FAILED — order marked failed");
    expect(ok("SUCCESS", { kind: "duplicate", status: "paid" }).message).toBe(
      "DOKU says SUCCESS — already recorded, nothing changed",
    );
    expect(ok("FAILED", { kind: "ignored", attemptStatus: "paid" }).message).toBe(
      "DOKU says FAILED — nothing changed (the attempt is paid)",
    );
    expect(ok("SUCCESS", applied("paid", "already_paid")).message).toMatch(/flagged for review/);
  });

  it("gives the reason when DOKU could not answer", () => {
    expect(describeCheckStatus({ ok: false, reason: "timeout", httpStatus: null })).toEqual({
      ok: false,
      message: "DOKU did not answer in time. Nothing changed; try again.",
    });
    expect(describeCheckStatus({ ok: false, reason: "http", httpStatus: 503 }).message).toBe("DOKU answered HTTP 503. Nothing changed.");
    expect(describeCheckStatus({ ok: false, reason: "bad_signature", httpStatus: 200 }).message).toMatch(/invalid signature/);
  });
});
