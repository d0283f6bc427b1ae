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
  it("lets a few failures through, then doubles the wait, capped, and forgets after the window", () => {
    let now = 0;
    const throttle = createThrottle({ freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 }, () => now);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(throttle.delayFor("1.2.3.4"));
      throttle.fail("1.2.3.4");
    }
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(throttle.delayFor("5.6.7.8")).toBe(0);
    now += 60_001;
    expect(throttle.delayFor("1.2.3.4")).toBe(0);
  });
});
