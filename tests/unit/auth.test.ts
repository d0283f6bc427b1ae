// Password hashing, the default-password guard, the sign-in throttle and when a session ends.
import { randomBytes, scryptSync } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_ADMIN_PASSWORD,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "@/lib/auth/password";
import { admit, signInKeys, succeeded, waitFor } from "@/lib/auth/throttle";
import { openDatabase } from "@/lib/db/connection";
import { rateLimits, users } from "@/lib/db/schema";
import { migratedAndSeeded, setTestEnv, testDialect } from "../support/app-db";

const dbPath = setTestEnv();
const { seedAdmin } = await import("@/lib/auth/seed-admin");
const { adminsWithDefaultPassword } = await import("@/lib/auth/default-password");
const { checkCredentials } = await import("@/lib/auth/users");
const { checkSession, SESSION_LIFETIME_MS } = await import("@/lib/auth/session");
const db = await migratedAndSeeded();

/** A hash as the app stored them before the cost was raised (N = 2^15). */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 32, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  return ["scrypt", 2 ** 15, 8, 1, salt.toString("base64"), key.toString("base64")].join("$");
}

const userNamed = async (email: string) =>
  (await db.run((d) => d.select().from(users).where(eq(users.email, email)).limit(1)))[0]!;

describe("@faults passwords", () => {
  it("hashes with scrypt at OWASP's cost and a random salt, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("anything", "plain-text-password")).toBe(false);
    expect(needsRehash(a)).toBe(false);
    const legacy = legacyHash("old and weak");
    expect(needsRehash(legacy)).toBe(true);
    expect(await verifyPassword("old and weak", legacy)).toBe(true);
    // A row claiming a higher cost than ours is refused rather than computed.
    expect(await verifyPassword("x", a.replace("$131072$", "$1048576$"))).toBe(false);
  });
});

describe("admin accounts", () => {
  it("seeds idempotently, checks credentials, reports a default password; a new password raises the session version", async () => {
    expect(await seedAdmin(db, "Admin@Shop.example", DEFAULT_ADMIN_PASSWORD)).toBe("created");
    expect(await seedAdmin(db, "admin@shop.example", DEFAULT_ADMIN_PASSWORD)).toBe("unchanged");
    expect(await adminsWithDefaultPassword()).toEqual(["admin@shop.example"]);
    expect((await userNamed("admin@shop.example")).sessionVersion).toBe(1);

    expect(await seedAdmin(db, "admin@shop.example", "a much better password")).toBe("updated");
    expect((await userNamed("admin@shop.example")).sessionVersion).toBe(2);
    expect(await adminsWithDefaultPassword()).toEqual([]);
    expect(
      await checkCredentials({ email: " ADMIN@shop.example ", password: "a much better password" }),
    ).toMatchObject({
      ok: true,
      user: { email: "admin@shop.example", sessionVersion: 2 },
    });
    expect(
      await checkCredentials({ email: "admin@shop.example", password: DEFAULT_ADMIN_PASSWORD }),
    ).toEqual({ ok: false });
    expect(
      await checkCredentials({ email: "nobody@shop.example", password: "a much better password" }),
    ).toEqual({ ok: false });
    expect(await checkCredentials({ email: "not an email", password: "x" })).toEqual({ ok: false });
  });

  it("redoes a hash made at the old cost on the next successful sign-in, keeping the session version", async () => {
    await db.run((d) =>
      d.insert(users).values({
        email: "legacy@shop.example",
        name: "Legacy",
        passwordHash: legacyHash("legacy password 1"),
      }),
    );
    expect(
      await checkCredentials({ email: "legacy@shop.example", password: "wrong password" }),
    ).toEqual({ ok: false });
    expect((await userNamed("legacy@shop.example")).passwordHash).toMatch(/^scrypt\$32768\$/);
    expect(
      (await checkCredentials({ email: "legacy@shop.example", password: "legacy password 1" })).ok,
    ).toBe(true);
    const upgraded = await userNamed("legacy@shop.example");
    expect(upgraded.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(upgraded.sessionVersion).toBe(1);
    expect(
      (await checkCredentials({ email: "legacy@shop.example", password: "legacy password 1" })).ok,
    ).toBe(true);
  });
});

describe("@faults sign-in throttle (database counters)", () => {
  const options = { freeAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000 };
  const at = (ms: number) => new Date(1_800_000_000_000 + ms);

  it("counts each attempt before the password is checked: free ones, then a doubling wait, capped, forgotten after the window", async () => {
    const keys = signInKeys("a@x.example", null);
    const answers: (number | true)[] = [];
    let t = 0;
    for (let i = 0; i < 8; i++) {
      const admission = await admit(db, keys, at(t), options);
      answers.push(admission.ok ? true : admission.retryAfterMs);
      if (!admission.ok) {
        t += admission.retryAfterMs;
        expect((await admit(db, keys, at(t), options)).ok).toBe(true);
      }
    }
    // Three free, then each attempt waits 1 s, 2 s, 4 s, 8 s, 8 s after the one before.
    expect(answers).toEqual([true, true, true, 1000, 2000, 4000, 8000, 8000]);
    const [row] = await db.run((d) =>
      d.select().from(rateLimits).where(eq(rateLimits.key, keys[0]!)),
    );
    expect(waitFor(row, at(t + 7_999), options)).toBe(1);
    expect(waitFor(row, at(t + 60_001), options)).toBe(0);
    expect((await admit(db, keys, at(t + 60_001), options)).ok).toBe(true);
  });

  it("refuses while any key must wait: a new address does not escape the account, nor another account the address", async () => {
    const guess = (email: string, address: string, t: number) =>
      admit(db, signInKeys(email, address), at(t), options);
    for (const n of [1, 2, 3])
      expect((await guess("admin@y.example", `10.0.0.${n}`, 0)).ok).toBe(true);
    expect(await guess("admin@y.example", "10.0.0.4", 0)).toEqual({
      ok: false,
      retryAfterMs: 1000,
    });
    expect((await guess("other@y.example", "10.0.0.9", 0)).ok).toBe(true);
    for (const n of [1, 2, 3])
      expect((await guess(`spray${n}@y.example`, "10.0.0.50", 0)).ok).toBe(true);
    expect(await guess("fresh@y.example", "10.0.0.50", 0)).toEqual({
      ok: false,
      retryAfterMs: 1000,
    });
  });

  it("is shared by every connection (another instance, or the app after a restart)", async () => {
    const keys = signInKeys("shared@x.example", null);
    const other = openDatabase(dbPath);
    try {
      expect((await admit(db, keys, at(0), options)).ok).toBe(true);
      expect((await admit(other, keys, at(0), options)).ok).toBe(true);
      expect((await admit(db, keys, at(0), options)).ok).toBe(true);
      // Whichever connection asks next, the limit holds: one slot per wait, never one per instance.
      expect(await admit(other, keys, at(500), options)).toEqual({ ok: false, retryAfterMs: 500 });
      expect((await admit(db, keys, at(1000), options)).ok).toBe(true);
      expect((await admit(other, keys, at(1000), options)).ok).toBe(false);
      await succeeded(other, keys);
      expect((await admit(db, keys, at(1000), options)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("admits only the free attempts of a burst sent all at once, through several instances", async () => {
    // PostgreSQL: pools of their own, as separate instances would have. SQLite: one process's
    // connection (a second one in the same process would wait on the first synchronously).
    const others = testDialect === "postgresql" ? [openDatabase(dbPath), openDatabase(dbPath)] : [];
    const instances = [db, ...others];
    try {
      const burst = (keys: string[][]) =>
        Promise.all(keys.map((k, i) => admit(instances[i % instances.length]!, k, at(0), options)));
      const account = signInKeys("burst@x.example", null);
      expect(
        (await burst(Array.from({ length: 12 }, () => account))).filter((a) => a.ok),
      ).toHaveLength(3);
      // Two keys each, taken in either order: still three, and no attempt deadlocks another.
      const both = signInKeys("burst2@x.example", "10.0.0.77");
      expect(
        (
          await burst(Array.from({ length: 12 }, (_, i) => (i % 2 ? both : [...both].reverse())))
        ).filter((a) => a.ok),
      ).toHaveLength(3);
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it("keeps an account's counter through a flood of other keys", async () => {
    const keys = signInKeys("target@x.example", null);
    for (let i = 0; i < 3; i++) await admit(db, keys, at(0), options);
    for (let i = 0; i < 5_000; i++)
      await admit(db, signInKeys(`flood${i}@x.example`, null), at(1), options);
    expect(await admit(db, keys, at(2), options)).toEqual({ ok: false, retryAfterMs: 998 });
  });

  it("refuses even the right password while the wait lasts, then signs in and clears the count", async () => {
    await seedAdmin(db, "guarded@shop.example", "the right password");
    for (let i = 0; i < 5; i++)
      expect(
        await checkCredentials({ email: "guarded@shop.example", password: `guess ${i}` }),
      ).toEqual({ ok: false });
    const refused = await checkCredentials({
      email: "guarded@shop.example",
      password: "the right password",
    });
    expect(refused).toMatchObject({ ok: false, retryAfterMs: expect.any(Number) });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    // After the wait the right password works and the account starts again from nothing.
    await db.run((d) =>
      d
        .update(rateLimits)
        .set({ lastAt: new Date(Date.now() - 2000) })
        .where(eq(rateLimits.key, "sign-in:account:guarded@shop.example")),
    );
    expect(
      (await checkCredentials({ email: "GUARDED@shop.example", password: "the right password" }))
        .ok,
    ).toBe(true);
    expect(
      (
        await db.run((d) =>
          d
            .select()
            .from(rateLimits)
            .where(eq(rateLimits.key, "sign-in:account:guarded@shop.example")),
        )
      )[0],
    ).toBeUndefined();
  });
});

describe("@faults sessions", () => {
  it("end a working day after sign-in, when the password changes, and when the user is removed", async () => {
    await seedAdmin(db, "session@shop.example", "first password 123");
    const user = await userNamed("session@shop.example");
    const now = Date.now();
    const claims = {
      sub: String(user.id),
      signedInAt: now - 1000,
      sessionVersion: user.sessionVersion,
    };
    expect(await checkSession(claims, now)).toBe("valid");
    expect(await checkSession({ ...claims, signedInAt: now - SESSION_LIFETIME_MS - 1 }, now)).toBe(
      "expired",
    );
    expect(await checkSession({ ...claims, signedInAt: now + 3_600_000 }, now)).toBe("expired");
    expect(await checkSession({ sub: claims.sub }, now)).toBe("malformed");
    expect(await checkSession({ ...claims, sub: "1 OR 1=1" }, now)).toBe("malformed");

    await seedAdmin(db, "session@shop.example", "second password 456");
    expect(await checkSession(claims, now)).toBe("password_changed");
    expect(await checkSession({ ...claims, sessionVersion: user.sessionVersion + 1 }, now)).toBe(
      "valid",
    );

    await db.run((d) => d.delete(users).where(eq(users.id, user.id)));
    expect(await checkSession({ ...claims, sessionVersion: user.sessionVersion + 1 }, now)).toBe(
      "no_user",
    );
  });
});
