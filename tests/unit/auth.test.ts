// Password hashing, the default-password guard, and the sign-in throttle.
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, DEFAULT_ADMIN_PASSWORD } from "@/lib/auth/password";
import { createThrottle } from "@/lib/auth/throttle";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";

setTestEnv();
const { seedAdmin } = await import("@/lib/auth/seed-admin");
const { adminsWithDefaultPassword } = await import("@/lib/auth/default-password");
const { verifyCredentials } = await import("@/lib/auth/users");

describe("passwords", () => {
  it("hashes with scrypt and a random salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text-password")).toBe(false);
  });
});

describe("admin accounts", () => {
  it("seeds idempotently, verifies credentials, and reports a default password", async () => {
    const db = await migratedAndSeeded();
    expect(await seedAdmin(db, "Admin@Shop.example", DEFAULT_ADMIN_PASSWORD)).toBe("created");
    expect(await seedAdmin(db, "admin@shop.example", DEFAULT_ADMIN_PASSWORD)).toBe("unchanged");
    expect(await adminsWithDefaultPassword()).toEqual(["admin@shop.example"]);

    expect(await seedAdmin(db, "admin@shop.example", "a much better password")).toBe("updated");
    expect(await adminsWithDefaultPassword()).toEqual([]);
    expect(await verifyCredentials({ email: " ADMIN@shop.example ", password: "a much better password" })).toMatchObject({
      email: "admin@shop.example",
    });
    expect(await verifyCredentials({ email: "admin@shop.example", password: DEFAULT_ADMIN_PASSWORD })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@shop.example", password: "a much better password" })).toBeNull();
    expect(await verifyCredentials({ email: "not an email", password: "x" })).toBeNull();
  });
});

describe("sign-in throttle", () => {
  const options = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };

  it("lets a few failures through, then doubles the wait, capped, and forgets after the window", () => {
    let now = 0;
    const throttle = createThrottle(options, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      waits.push(throttle.waitFor("account:a@x"));
      throttle.fail(["account:a@x"]);
    }
    expect(waits).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(throttle.waitFor("account:b@x")).toBe(0);
    now += 7_999;
    expect(throttle.waitFor("account:a@x")).toBe(1);
    now += 60_001;
    expect(throttle.waitFor("account:a@x")).toBe(0);
  });

  it("refuses an attempt while any of its keys must wait: a new address does not escape the account", () => {
    let now = 0;
    const throttle = createThrottle(options, () => now);
    const guess = (address: string) => {
      const admitted = throttle.enter(["account:admin@x", `address:${address}`]);
      if (admitted.ok) {
        throttle.fail(["account:admin@x", `address:${address}`]);
        admitted.release();
      }
      return admitted.ok;
    };
    expect([guess("10.0.0.1"), guess("10.0.0.2"), guess("10.0.0.3")]).toEqual([true, true, true]);
    expect(throttle.enter(["account:admin@x", "address:10.0.0.4"])).toEqual({ ok: false, retryAfterMs: 1000 });
    now += 1000;
    expect(guess("10.0.0.5")).toBe(true);
    expect(throttle.enter(["account:admin@x", "address:10.9.9.9"])).toEqual({ ok: false, retryAfterMs: 2000 });
    // Another account from a fresh address is not affected…
    expect(throttle.enter(["account:other@x", "address:10.9.9.9"]).ok).toBe(true);
    // …and the account may try again once its wait is over.
    now += 2000;
    expect(throttle.enter(["account:admin@x", "address:10.9.9.9"]).ok).toBe(true);
  });

  it("once a key is limited, only one of its attempts is checked at a time", () => {
    let now = 0;
    const throttle = createThrottle(options, () => now);
    throttle.fail(["account:a@x"]);
    throttle.fail(["account:a@x"]);
    // Still free: concurrent attempts are all admitted.
    const free = [throttle.enter(["account:a@x"]), throttle.enter(["account:a@x"])];
    expect(free.map((a) => a.ok)).toEqual([true, true]);
    throttle.fail(["account:a@x"]);
    for (const a of free) if (a.ok) a.release();

    now += 1000;
    const first = throttle.enter(["account:a@x"]);
    expect(first.ok).toBe(true);
    expect(throttle.enter(["account:a@x"])).toEqual({ ok: false, retryAfterMs: 1000 });
    if (first.ok) {
      first.release();
      first.release(); // twice is harmless
    }
    expect(throttle.enter(["account:a@x"]).ok).toBe(true);
  });
});
