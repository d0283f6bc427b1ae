// The back office's pure helpers: the post-sign-in redirect and the Check Status message.
import { describe, expect, it } from "vitest";
import { checkStatusValues, describeCheckStatus } from "@/lib/admin/check-status-message";
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
  // It picks a message key and its values; tests/unit/admin-render.test.ts checks their wording.
  const ok = (providerStatus: "SUCCESS" | "PENDING" | "FAILED", result: TransitionResult) =>
    describeCheckStatus({ ok: true, status: "paid", providerStatus, result });
  const applied = (
    to: "paid" | "failed",
    order: "changed" | "already_paid" | "superseded" | "unchanged",
  ): TransitionResult => ({
    kind: "applied",
    to,
    order,
  });

  it("says what DOKU answered and what changed", () => {
    expect(ok("SUCCESS", applied("paid", "changed"))).toEqual({
      ok: true,
      key: "orderPaid",
      values: { providerStatus: "SUCCESS" },
    });
    expect(ok("PENDING", { kind: "no_change" })).toEqual({
      ok: true,
      key: "noChange",
      values: { providerStatus: "PENDING" },
    });
    expect(ok("FAILED", applied("failed", "superseded"))).toEqual({
      ok: true,
      key: "superseded",
      values: { providerStatus: "FAILED" },
      statuses: { to: "failed" },
    });
    expect(ok("FAILED", applied("failed", "unchanged"))).toMatchObject({
      key: "orderUnchanged",
      statuses: { to: "failed" },
    });
    expect(ok("FAILED", applied("failed", "changed"))).toMatchObject({
      key: "orderMarked",
      statuses: { to: "failed" },
    });
    expect(ok("SUCCESS", { kind: "duplicate", status: "paid" })).toMatchObject({
      key: "duplicate",
    });
    expect(ok("FAILED", { kind: "ignored", attemptStatus: "paid" })).toMatchObject({
      key: "ignored",
      statuses: { attemptStatus: "paid" },
    });
    expect(ok("FAILED", { kind: "ignored", attemptStatus: null })).toMatchObject({
      key: "ignored",
      statuses: { attemptStatus: "missing" },
    });
    expect(ok("SUCCESS", applied("paid", "already_paid"))).toMatchObject({ key: "alreadyPaid" });
  });

  it("gives the reason when DOKU could not answer", () => {
    expect(describeCheckStatus({ ok: false, reason: "timeout", httpStatus: null })).toEqual({
      ok: false,
      key: "timeout",
    });
    expect(describeCheckStatus({ ok: false, reason: "http", httpStatus: 503 })).toEqual({
      ok: false,
      key: "httpStatus",
      values: { httpStatus: 503 },
    });
    expect(describeCheckStatus({ ok: false, reason: "http", httpStatus: null })).toEqual({
      ok: false,
      key: "http",
    });
    expect(describeCheckStatus({ ok: false, reason: "bad_signature", httpStatus: 200 })).toEqual({
      ok: false,
      key: "badSignature",
    });
    expect(
      describeCheckStatus({
        ok: false,
        reason: "recently_checked",
        httpStatus: null,
        retryAfterMs: 1200,
      }),
    ).toEqual({
      ok: false,
      key: "recentlyChecked",
      values: { seconds: 2 },
    });
  });

  it("hands the form its placeholders with the statuses worded", () => {
    const message = ok("FAILED", applied("failed", "superseded"));
    expect(checkStatusValues(message, (status) => `<${status}>`)).toEqual({
      providerStatus: "FAILED",
      to: "<failed>",
    });
    expect(checkStatusValues({ values: { seconds: 3 } }, () => "unused")).toEqual({ seconds: 3 });
  });
});
