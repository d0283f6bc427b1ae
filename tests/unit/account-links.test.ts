// The one-time links (invitation, password reset), "Forgot password?" and changing one's own
// password: lifetimes at their boundary, one use only, a newer reset revoking the older, the same
// answer for every address, the limits, sessions ending, and tokens never written anywhere.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { deriveToken, hashToken, newNonce, TOKEN_LIFETIME_MS } from "@/lib/auth/account-tokens";
import { newPasswordFields, passwordStrength } from "@/lib/auth/password-rules";
import { accountTokens, activityLog, emailOutbox, rateLimits, users } from "@/lib/db/schema";
import { redactText } from "@/lib/observability/span-redaction";
import { PUBLISHED_SECRETS } from "@/lib/published-values";
import { migratedAndSeeded, setTestEnv, testDialect } from "../support/app-db";

setTestEnv();
const SECRET = process.env.AUTH_SECRET!;
const passwords = await import("@/lib/auth/password");
const { hashPassword, verifyPassword } = passwords;
const { spendLink } = await import("@/lib/auth/one-time-links");
const { LINK_LIMITS } = await import("@/lib/auth/link-limits");
const { viewInvitation, acceptInvitation } = await import("@/lib/auth/invitations");
const { answerForgotPassword, requestPasswordReset, resetPassword, viewReset, RESET_ANSWER_MS } =
  await import("@/lib/auth/password-reset");
const { RESET_LIMITS } = await import("@/lib/auth/reset-limits");
const { changeOwnPassword } = await import("@/lib/auth/own-password");
const { checkSession } = await import("@/lib/auth/session");
const db = await migratedAndSeeded();

const T0 = new Date("2026-12-07T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 60 * 60_000;

/** Every line the app logs during the test: no token may be in any of them. */
const logged: string[] = [];
beforeAll(() => {
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation((chunk, ...rest) => {
    logged.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
  const writeErr = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk, ...rest) => {
    logged.push(String(chunk));
    return writeErr(chunk, ...(rest as []));
  });
});
/** Every token a test handed out, to look for afterwards. */
const issued: string[] = [];

async function addUser(
  email: string,
  password = "an old password 123",
  role: "owner" | "staff" = "staff",
) {
  const passwordHash = await hashPassword(password);
  const [row] = await db.run((d) =>
    d
      .insert(users)
      .values({
        email,
        name: email.split("@")[0]!,
        passwordHash,
        role,
      })
      .returning(),
  );
  return row!;
}

async function userById(id: number) {
  return (await db.run((d) => d.select().from(users).where(eq(users.id, id))))[0];
}

/** The owner who sends the invitations of these tests (made on first use). */
let inviter: number | null = null;
async function anOwner(): Promise<number> {
  inviter ??= (await addUser("inviting.owner@shop.example", "the owner's password 1", "owner")).id;
  return inviter;
}

/** An invitation as the Accounts page issues it: the token row and its email in the outbox. */
async function invite(
  email: string,
  role: "owner" | "staff",
  now: Date,
  createdBy: number | null = null,
): Promise<string> {
  const sender = createdBy ?? (await anOwner());
  const nonce = newNonce();
  const token = deriveToken(SECRET, "invitation", nonce);
  issued.push(token);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountTokens)
      .values({
        purpose: "invitation",
        email,
        role,
        tokenHash: hashToken(token),
        nonce,
        locale: "en",
        createdBy: sender,
        expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS.invitation),
        createdAt: now,
      })
      .returning();
    await tx.insert(emailOutbox).values({
      kind: "staff_invitation",
      accountTokenId: row!.id,
      recipient: email,
      cause: `token:${row!.id}`,
      nextAttemptAt: now,
    });
  });
  return token;
}

/** The token of the newest reset link queued for `email`, derived as the email's sender does. */
async function latestResetToken(email: string): Promise<string> {
  const rows = await db.run((d) =>
    d
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.purpose, "password_reset"), eq(accountTokens.email, email)))
      .orderBy(asc(accountTokens.id)),
  );
  const token = deriveToken(SECRET, "password_reset", rows.at(-1)!.nonce);
  issued.push(token);
  return token;
}

const activity = (action: string) =>
  db.run((d) =>
    d
      .select()
      .from(activityLog)
      .where(eq(activityLog.action, action as never))
      .orderBy(asc(activityLog.id)),
  );
const outboxFor = (email: string) =>
  db.run((d) => d.select().from(emailOutbox).where(eq(emailOutbox.recipient, email)));

const newPassword = (password: string) => ({ password, confirmation: password });

describe("password rules", () => {
  it("refuses short, long and published passwords and a confirmation that differs, field by field", () => {
    const problems = (password: string, confirmation = password) => {
      const parsed = newPasswordFields.safeParse({ password, confirmation });
      return parsed.success ? null : parsed.error.issues.map((i) => [i.path[0], i.message]);
    };
    expect(problems("a".repeat(11))).toEqual([["password", "tooShort"]]);
    expect(problems("a".repeat(12))).toBeNull();
    expect(problems("a".repeat(201))).toEqual([["password", "tooLong"]]);
    expect(problems(PUBLISHED_SECRETS.ADMIN_PASSWORD)).toEqual([["password", "published"]]);
    expect(problems("a long enough one", "a long enough 0ne")).toEqual([
      ["confirmation", "mismatch"],
    ]);
  });

  it("rates repeats, runs, common words, the published password and the person's own words as weak", () => {
    const me = ["siti.rahayu@example.com", "Siti Rahayu"];
    expect(passwordStrength("").score).toBe(0);
    for (const weak of [
      "aaaaaaaaaaaaaaaa",
      "abcdefghijklmnop",
      "Password1234",
      "qwertyuiop12",
      PUBLISHED_SECRETS.ADMIN_PASSWORD,
    ])
      expect(passwordStrength(weak).score, weak).toBe(0);
    expect(passwordStrength("sitirahayu2024!", me).score).toBeLessThanOrEqual(1);
    expect(passwordStrength("x7#Qm2!pLz9w").score).toBeGreaterThanOrEqual(3);
    expect(passwordStrength("lantai tiga, jendela biru, kopi dingin")).toEqual({
      score: 4,
      label: "strong",
    });
    // Short of the rule's length it is never better than weak.
    expect(passwordStrength("x7#Qm2!pLz").score).toBeLessThanOrEqual(1);
  });
});

describe("@faults invitation links", () => {
  it("lives 24 h: usable a millisecond before, expired at the boundary", async () => {
    const token = await invite("life@shop.example", "staff", T0);
    expect(await viewInvitation(token, at(24 * HOUR - 1))).toEqual({
      verdict: "usable",
      email: "life@shop.example",
      role: "staff",
    });
    expect(await viewInvitation(token, at(24 * HOUR))).toEqual({ verdict: "expired" });
    expect(await viewInvitation(token.replace(/.$/, token.endsWith("A") ? "B" : "A"), T0)).toEqual({
      verdict: "unknown",
    });
    expect(await viewInvitation("not-a-token", T0)).toEqual({ verdict: "unknown" });
    const refused = await acceptInvitation(
      { token, email: "life@shop.example", name: "Late", ...newPassword("a late password 1") },
      null,
      at(24 * HOUR),
    );
    expect(refused).toEqual({ ok: false, refused: "expired" });
  });

  it("creates the account once with the invitation's role; a second use, another address, a withdrawn link are refused and logged", async () => {
    const token = await invite("new.staff@shop.example", "staff", T0);
    const other = await acceptInvitation(
      {
        token,
        email: "someone.else@shop.example",
        name: "Eve",
        ...newPassword("eve's own password"),
      },
      "203.0.113.9",
      at(1000),
    );
    expect(other).toEqual({ ok: false, refused: "other_address" });
    expect(await viewInvitation(token, at(1000))).toMatchObject({ verdict: "usable" });

    const bad = await acceptInvitation(
      { token, email: "new.staff@shop.example", name: "", password: "short", confirmation: "x" },
      null,
      at(1000),
    );
    expect(bad).toEqual({
      ok: false,
      problems: { name: ["nameRequired"], password: ["tooShort"], confirmation: ["mismatch"] },
    });

    const accepted = await acceptInvitation(
      {
        token,
        email: "New.Staff@shop.example",
        name: "Budi",
        ...newPassword("budi packs boxes daily"),
      },
      "203.0.113.9",
      at(2000),
    );
    expect(accepted).toEqual({ ok: true, email: "new.staff@shop.example" });
    const [created] = await db.run((d) =>
      d.select().from(users).where(eq(users.email, "new.staff@shop.example")),
    );
    expect(created).toMatchObject({ name: "Budi", role: "staff", sessionVersion: 1 });
    expect(await verifyPassword("budi packs boxes daily", created!.passwordHash)).toBe(true);
    expect(await viewInvitation(token, at(3000))).toEqual({ verdict: "used" });

    const again = await acceptInvitation(
      {
        token,
        email: "new.staff@shop.example",
        name: "Budi 2",
        ...newPassword("another password 99"),
      },
      null,
      at(3000),
    );
    expect(again).toEqual({ ok: false, refused: "used" });
    expect((await userById(created!.id))!.passwordHash).toBe(created!.passwordHash);

    const [acceptedEntry] = await activity("account.invitation_accepted");
    expect(acceptedEntry).toMatchObject({
      actorId: created!.id,
      actorName: "Budi",
      actorRole: "staff",
      subjectType: "account",
      subjectId: String(created!.id),
      clientAddress: "203.0.113.9",
    });
    const refusals = (await activity("auth.link_refused")).map((e) => e.after);
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: "invitation", reason: "other_address" }),
        expect.objectContaining({ purpose: "invitation", reason: "used" }),
      ]),
    );

    const withdrawn = await invite("withdrawn@shop.example", "owner", T0);
    await db.run((d) =>
      d
        .update(accountTokens)
        .set({ revokedAt: at(10) })
        .where(eq(accountTokens.tokenHash, hashToken(withdrawn))),
    );
    expect(await viewInvitation(withdrawn, at(20))).toEqual({ verdict: "revoked" });
    expect(
      await acceptInvitation(
        {
          token: withdrawn,
          email: "withdrawn@shop.example",
          name: "W",
          ...newPassword("withdrawn password 1"),
        },
        null,
        at(20),
      ),
    ).toEqual({ ok: false, refused: "revoked" });
  });

  it("refuses when an account with the address appeared meanwhile, and leaves the link unspent", async () => {
    const token = await invite("taken@shop.example", "owner", T0);
    await addUser("taken@shop.example");
    const result = await acceptInvitation(
      { token, email: "taken@shop.example", name: "Dup", ...newPassword("duplicate password 1") },
      null,
      at(1000),
    );
    expect(result).toEqual({ ok: false, refused: "account_exists" });
    expect(await viewInvitation(token, at(1000))).toMatchObject({ verdict: "usable" });
    expect((await activity("auth.link_refused")).at(-1)!.after).toMatchObject({
      reason: "account_exists",
    });
  });
});

describe("@faults password reset links", () => {
  it("lives 1 h at the boundary; used once it is refused, changes nothing and is logged; every older session ends", async () => {
    const user = await addUser("reset.me@shop.example");
    expect(await requestPasswordReset("reset.me@shop.example", "198.51.100.1", "en", T0)).toBe(
      "queued",
    );
    const token = await latestResetToken("reset.me@shop.example");
    const [row] = await db.run((d) =>
      d
        .select()
        .from(accountTokens)
        .where(eq(accountTokens.tokenHash, hashToken(token))),
    );
    expect(row!.expiresAt.getTime() - T0.getTime()).toBe(HOUR);
    expect(await viewReset(token, at(HOUR - 1))).toEqual({
      verdict: "usable",
      email: "reset.me@shop.example",
    });
    expect(await viewReset(token, at(HOUR))).toEqual({ verdict: "expired" });
    expect(
      await resetPassword({ token, ...newPassword("too late password") }, null, at(HOUR)),
    ).toEqual({
      ok: false,
      refused: "expired",
    });
    const outbox = await outboxFor("reset.me@shop.example");
    expect(outbox).toMatchObject([
      { kind: "password_reset", accountTokenId: row!.id, status: "queued" },
    ]);

    const before = {
      sub: String(user.id),
      signedInAt: T0.getTime(),
      sessionVersion: user.sessionVersion,
    };
    expect(await checkSession(before, T0.getTime() + 1000)).toBe("valid");
    expect(
      await resetPassword({ token, ...newPassword("a brand new password 7") }, null, at(60_000)),
    ).toEqual({
      ok: true,
      email: "reset.me@shop.example",
    });
    const changed = (await userById(user.id))!;
    expect(changed.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await verifyPassword("a brand new password 7", changed.passwordHash)).toBe(true);
    expect(await checkSession(before, T0.getTime() + 61_000)).toBe("password_changed");

    expect(
      await resetPassword({ token, ...newPassword("a second new password") }, null, at(120_000)),
    ).toEqual({
      ok: false,
      refused: "used",
    });
    expect((await userById(user.id))!.passwordHash).toBe(changed.passwordHash);
    expect((await activity("auth.password_reset")).at(-1)).toMatchObject({
      actorId: user.id,
      subjectType: "account",
      subjectId: String(user.id),
    });
    expect((await activity("auth.link_refused")).at(-1)!.after).toMatchObject({
      purpose: "password_reset",
      reason: "used",
    });
  });

  it("a newer link revokes the older one: the older is refused, changes nothing and is logged", async () => {
    const user = await addUser("twice@shop.example");
    await requestPasswordReset("twice@shop.example", null, "id", T0);
    const older = await latestResetToken("twice@shop.example");
    await requestPasswordReset("twice@shop.example", null, "id", at(60_000));
    const newer = await latestResetToken("twice@shop.example");
    expect(newer).not.toBe(older);
    expect(await viewReset(older, at(61_000))).toEqual({ verdict: "revoked" });
    expect(
      await resetPassword(
        { token: older, ...newPassword("from the old link 1") },
        null,
        at(61_000),
      ),
    ).toEqual({
      ok: false,
      refused: "revoked",
    });
    expect((await userById(user.id))!.sessionVersion).toBe(user.sessionVersion);
    expect((await activity("auth.link_refused")).at(-1)!.after).toMatchObject({
      reason: "revoked",
    });
    expect(
      (
        await resetPassword(
          { token: newer, ...newPassword("from the new link 1") },
          null,
          at(62_000),
        )
      ).ok,
    ).toBe(true);
  });
});

describe("@faults forgot password", () => {
  it("gives every address the same answer at the same moment: an account, no account, over a limit", async () => {
    await addUser("known@shop.example");
    const earlier = (await activity("auth.password_reset_requested")).length;
    // A clock whose work takes a different time on each path, as a slower path would.
    async function answerAfter(email: string, workMs: number, address: string) {
      let t = 5_000_000;
      let calls = 0;
      const clock = {
        now: () => (calls++ === 0 ? t : (t += workMs)),
        sleep: async (ms: number) => {
          t += ms;
        },
      };
      const start = t;
      const answer = await answerForgotPassword({ email }, address, "en", clock);
      return { answer, elapsed: t - start };
    }
    const known = await answerAfter("known@shop.example", 180, "192.0.2.1");
    const unknown = await answerAfter("nobody@shop.example", 3, "192.0.2.2");
    expect(known).toEqual({ answer: { ok: true }, elapsed: RESET_ANSWER_MS });
    expect(unknown).toEqual(known);
    for (let i = 1; i < RESET_LIMITS.perAddress; i++)
      await answerAfter("known@shop.example", 1, "192.0.2.3");
    expect(await answerAfter("known@shop.example", 1, "192.0.2.4")).toEqual(known);
    // Only a malformed address is told apart, and that says nothing about accounts.
    expect((await answerForgotPassword({ email: "not an email" }, null, "en")).ok).toBe(false);

    const outcomes = (await activity("auth.password_reset_requested"))
      .slice(earlier)
      .map((e) => e.after?.outcome);
    expect(outcomes).toEqual(["queued", "no_account", "queued", "queued", "limited"]);
    expect((await outboxFor("known@shop.example")).length).toBe(RESET_LIMITS.perAddress);
    expect(await outboxFor("nobody@shop.example")).toEqual([]);
    const [noAccount] = (await activity("auth.password_reset_requested")).filter(
      (e) => e.after?.outcome === "no_account",
    );
    expect(noAccount).toMatchObject({
      actorId: null,
      subjectType: null,
      after: { email: "nobody@shop.example" },
    });
  });

  it("limits per address and per client address with counters in the database", async () => {
    await addUser("limited@shop.example");
    const outcomes: string[] = [];
    for (let i = 0; i < RESET_LIMITS.perAddress + 1; i++)
      outcomes.push(
        await requestPasswordReset("limited@shop.example", `198.51.100.${10 + i}`, "en", at(i)),
      );
    expect(outcomes).toEqual(["queued", "queued", "queued", "limited"]);
    // The window is an hour: the address may ask again after it.
    expect(
      await requestPasswordReset("limited@shop.example", "198.51.100.30", "en", at(HOUR + 10)),
    ).toBe("queued");

    await addUser("walker@shop.example");
    const fromOneClient: string[] = [];
    for (let i = 0; i < RESET_LIMITS.perClient; i++)
      fromOneClient.push(
        await requestPasswordReset(`walk-${i}@shop.example`, "198.51.100.99", "en", T0),
      );
    expect(fromOneClient.every((o) => o === "no_account")).toBe(true);
    expect(await requestPasswordReset("walker@shop.example", "198.51.100.99", "en", T0)).toBe(
      "limited",
    );
    expect(await outboxFor("walker@shop.example")).toEqual([]);
    const counters = await db.run((d) =>
      d.select().from(rateLimits).where(eq(rateLimits.key, "reset:address:198.51.100.99")),
    );
    expect(counters[0]!.count).toBe(RESET_LIMITS.perClient + 1);
  });

  it("a flood with no client address stops at the shop-wide limit, and only its first refusal is an entry", async () => {
    // A later window than the other tests', so the shop-wide count starts from nothing.
    const start = at(10 * HOUR);
    const outcomes: string[] = [];
    for (let i = 0; i < RESET_LIMITS.perShop + 5; i++)
      outcomes.push(await requestPasswordReset(`flood-${i}@shop.example`, null, "en", start));
    expect(outcomes.slice(0, RESET_LIMITS.perShop).every((o) => o === "no_account")).toBe(true);
    expect(outcomes.slice(RESET_LIMITS.perShop)).toEqual(Array(5).fill("limited"));
    const flood = (
      await db.run((d) =>
        d.select().from(activityLog).where(eq(activityLog.action, "auth.password_reset_requested")),
      )
    ).filter((e) => String((e.after as { email?: string } | null)?.email).startsWith("flood-"));
    expect(flood).toHaveLength(RESET_LIMITS.perShop + 1);
    expect(
      flood.filter((e) => (e.after as { outcome: string }).outcome === "limited"),
    ).toHaveLength(1);
    // The later tests ask at T0 again: the shop-wide window opened here must not hold them.
    await db.run((d) => d.delete(rateLimits).where(eq(rateLimits.key, "reset:shop")));
  });
});

describe("@faults changing one's own password", () => {
  it("needs the current password (through the sign-in throttle), ends every other session, and is logged", async () => {
    const user = await addUser("self@shop.example", "my current password");
    const staff = { id: user.id, email: user.email, name: user.name, role: user.role };
    expect(
      await changeOwnPassword(
        staff,
        { current: "wrong guess here", ...newPassword("my next password 1") },
        "10.1.1.1",
        T0,
      ),
    ).toEqual({ ok: false, wrongPassword: true });
    expect(
      await changeOwnPassword(
        staff,
        { current: "my current password", ...newPassword("short") },
        "10.1.1.1",
        T0,
      ),
    ).toEqual({ ok: false, problems: { password: ["tooShort"] } });
    const before = {
      sub: String(user.id),
      signedInAt: Date.now(),
      sessionVersion: user.sessionVersion,
    };
    expect(
      await changeOwnPassword(
        staff,
        { current: "my current password", ...newPassword("my next password 1") },
        "10.1.1.1",
        T0,
      ),
    ).toEqual({ ok: true });
    const changed = (await userById(user.id))!;
    expect(changed.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await checkSession(before)).toBe("password_changed");
    expect((await activity("auth.password_changed")).at(-1)).toMatchObject({
      actorId: user.id,
      subjectId: String(user.id),
      clientAddress: "10.1.1.1",
    });

    // Guessing is throttled like sign-in: after the free attempts even the right password waits.
    for (let i = 0; i < 5; i++)
      await changeOwnPassword(
        staff,
        { current: `guess number ${i}`, ...newPassword("my third password 1") },
        "10.1.1.2",
        at(1),
      );
    const throttled = await changeOwnPassword(
      staff,
      { current: "my next password 1", ...newPassword("my third password 1") },
      "10.1.1.2",
      at(2),
    );
    expect(throttled).toMatchObject({ ok: false, retryAfterMs: expect.any(Number) });
    expect((await userById(user.id))!.passwordHash).toBe(changed.passwordHash);
  });
  it("revokes the account's reset links still out, in the same change (OWASP ASVS)", async () => {
    const user = await addUser("self.reset@shop.example", "my current password");
    const staff = { id: user.id, email: user.email, name: user.name, role: user.role };
    await requestPasswordReset("self.reset@shop.example", null, "en", T0);
    const outstanding = await latestResetToken("self.reset@shop.example");
    expect(await viewReset(outstanding, at(1000))).toMatchObject({ verdict: "usable" });
    expect(
      await changeOwnPassword(
        staff,
        { current: "my current password", ...newPassword("my changed password 1") },
        "10.1.1.9",
        at(2000),
      ),
    ).toEqual({ ok: true });
    expect(await viewReset(outstanding, at(3000))).toEqual({ verdict: "revoked" });
    expect(
      await resetPassword(
        { token: outstanding, ...newPassword("the link's own password 1") },
        null,
        at(3000),
      ),
    ).toEqual({ ok: false, refused: "revoked" });
    expect(
      await verifyPassword("my changed password 1", (await userById(user.id))!.passwordHash),
    ).toBe(true);
  });
});

describe("@faults a reset racing a removal", () => {
  // PostgreSQL only: SQLite runs one writing transaction at a time, so the two cannot interleave.
  it.skipIf(testDialect !== "postgresql")(
    "waits for the removal (the user row first, then the links, as removeAccount locks them) and finds no account: no deadlock, link not spent",
    async () => {
      const user = await addUser("removed.midway@shop.example");
      await requestPasswordReset("removed.midway@shop.example", null, "en", T0);
      const token = await latestResetToken("removed.midway@shop.example");
      const { default: pg } = await import("pg");
      const url = process.env.DATABASE_URL!;
      const remover = new pg.Client({ connectionString: url });
      const watcher = new pg.Client({ connectionString: url });
      await Promise.all([remover.connect(), watcher.connect()]);
      try {
        const removerPid = (await remover.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))
          .rows[0]!.pid;
        // removeAccount's order: the account's row goes first, its links are revoked after.
        await remover.query("BEGIN");
        await remover.query("DELETE FROM users WHERE id = $1", [user.id]);
        const reset = resetPassword(
          { token, ...newPassword("set while being removed 1") },
          null,
          at(1000),
        );
        let waiting = false;
        for (let i = 0; i < 500 && !waiting; i++) {
          const { rows } = await watcher.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1",
            [removerPid],
          );
          waiting = rows.length > 0;
          if (!waiting) await new Promise((r) => setTimeout(r, 10));
        }
        expect(waiting, "the reset never waited for the removal").toBe(true);
        await remover.query(
          "UPDATE account_tokens SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL",
          [user.id],
        );
        await remover.query("COMMIT");
        expect(await reset).toEqual({ ok: false, refused: "no_account" });
      } finally {
        await remover.query("ROLLBACK").catch(() => undefined);
        await Promise.all([remover.end(), watcher.end()]);
      }
      const [row] = await db.run((d) =>
        d
          .select()
          .from(accountTokens)
          .where(eq(accountTokens.tokenHash, hashToken(token))),
      );
      expect(row!.usedAt).toBeNull();
      expect(await userById(user.id)).toBeUndefined();
      expect((await activity("auth.link_refused")).at(-1)).toMatchObject({
        subjectType: "account",
        subjectId: String(user.id),
        after: { purpose: "password_reset", reason: "no_account" },
      });
    },
  );
});

describe("@faults invitations speak for an owner", () => {
  it("an invitation whose sender is no longer an owner, or is gone, is refused, logged, and changes nothing", async () => {
    const demoted = await addUser(
      "demoted.inviter@shop.example",
      "the owner's password 2",
      "owner",
    );
    const removed = await addUser(
      "removed.inviter@shop.example",
      "the owner's password 3",
      "owner",
    );
    const fromDemoted = await invite("from.demoted@shop.example", "staff", T0, demoted.id);
    const fromRemoved = await invite("from.removed@shop.example", "owner", T0, removed.id);
    // Straight in the database, as a change that did not revoke them (older code, a race) would leave them.
    await db.run((d) => d.update(users).set({ role: "staff" }).where(eq(users.id, demoted.id)));
    await db.run((d) => d.delete(users).where(eq(users.id, removed.id)));

    for (const [token, email] of [
      [fromDemoted, "from.demoted@shop.example"],
      [fromRemoved, "from.removed@shop.example"],
    ] as const) {
      expect(await viewInvitation(token, at(1000))).toEqual({ verdict: "inviter_not_owner" });
      const refusalsBefore = (await activity("auth.link_refused")).length;
      expect(
        await acceptInvitation(
          { token, email, name: "Too Late", ...newPassword("a password for nothing") },
          "203.0.113.50",
          at(1000),
        ),
      ).toEqual({ ok: false, refused: "inviter_not_owner" });
      const refusals = await activity("auth.link_refused");
      expect(refusals.length).toBe(refusalsBefore + 1);
      expect(refusals.at(-1)).toMatchObject({
        subjectType: "invitation",
        after: { purpose: "invitation", reason: "inviter_not_owner" },
      });
      expect(await db.run((d) => d.select().from(users).where(eq(users.email, email)))).toEqual([]);
      const [row] = await db.run((d) =>
        d
          .select()
          .from(accountTokens)
          .where(eq(accountTokens.tokenHash, hashToken(token))),
      );
      expect(row).toMatchObject({ usedAt: null, revokedAt: null });
    }
  });
});

describe("@faults a dead link costs no scrypt, and link posts are limited per client", () => {
  it("an unknown, used or expired link is refused before the password is hashed, on both forms", async () => {
    await addUser("spent.link@shop.example");
    await requestPasswordReset("spent.link@shop.example", null, "en", T0);
    const spent = await latestResetToken("spent.link@shop.example");
    expect(
      (await resetPassword({ token: spent, ...newPassword("spent link password 1") }, null, at(1)))
        .ok,
    ).toBe(true);
    const expired = await invite("expired.hash@shop.example", "staff", T0);

    const hashing = vi.spyOn(passwords, "hashPassword");
    try {
      const stray = "B".repeat(43);
      expect(
        await resetPassword({ token: stray, ...newPassword("no hash for you 1") }, null, at(2)),
      ).toEqual({ ok: false, refused: "unknown" });
      expect(
        await resetPassword({ token: spent, ...newPassword("no hash for you 1") }, null, at(2)),
      ).toEqual({ ok: false, refused: "used" });
      const form = {
        email: "expired.hash@shop.example",
        name: "X",
        ...newPassword("no hash 12345"),
      };
      expect(await acceptInvitation({ ...form, token: stray }, null, at(2))).toEqual({
        ok: false,
        refused: "unknown",
      });
      expect(await acceptInvitation({ ...form, token: expired }, null, at(25 * HOUR))).toEqual({
        ok: false,
        refused: "expired",
      });
      expect(hashing).not.toHaveBeenCalled();
    } finally {
      hashing.mockRestore();
    }
  });

  it("refuses a client's link posts past LINK_LIMITS.perClient an hour, both forms together, with the minutes to wait", async () => {
    const client = "198.51.100.77";
    const stray = "C".repeat(43);
    const answers: unknown[] = [];
    for (let i = 0; i < LINK_LIMITS.perClient; i++)
      answers.push(
        i % 2
          ? await resetPassword({ token: stray, ...newPassword("guessing links 1") }, client, at(i))
          : await acceptInvitation(
              {
                token: stray,
                email: "a@shop.example",
                name: "A",
                ...newPassword("guessing 12345"),
              },
              client,
              at(i),
            ),
      );
    expect(answers.every((a) => JSON.stringify(a) === '{"ok":false,"refused":"unknown"}')).toBe(
      true,
    );
    // Even a good link waits: the limit is counted before the link is looked at.
    await addUser("limited.client@shop.example");
    await requestPasswordReset("limited.client@shop.example", null, "en", T0);
    const good = await latestResetToken("limited.client@shop.example");
    expect(
      await resetPassword(
        { token: good, ...newPassword("a good link, too late 1") },
        client,
        at(30 * 60_000),
      ),
    ).toEqual({ ok: false, retryAfterMinutes: 30 });
    expect(
      await acceptInvitation(
        { token: stray, email: "a@shop.example", name: "A", ...newPassword("guessing 12345") },
        client,
        at(30 * 60_000),
      ),
    ).toEqual({ ok: false, retryAfterMinutes: 30 });
    // Another client is not held back, and the window ends after an hour.
    expect(
      (
        await resetPassword(
          { token: good, ...newPassword("a good link, in time 1") },
          "198.51.100.78",
          at(31 * 60_000),
        )
      ).ok,
    ).toBe(true);
    expect(
      await resetPassword({ token: stray, ...newPassword("guessing links 1") }, client, at(HOUR)),
    ).toEqual({ ok: false, refused: "unknown" });
  });

  it("a link that stopped working between its check and its use says why: revoked, used or expired", async () => {
    await addUser("race.link@shop.example");
    const reasons: string[] = [];
    for (const change of [{ revokedAt: at(5) }, { usedAt: at(5) }, { expiresAt: at(5) }]) {
      await requestPasswordReset("race.link@shop.example", null, "en", T0);
      const token = await latestResetToken("race.link@shop.example");
      const [row] = await db.run((d) =>
        d
          .select()
          .from(accountTokens)
          .where(eq(accountTokens.tokenHash, hashToken(token))),
      );
      await db.run((d) => d.update(accountTokens).set(change).where(eq(accountTokens.id, row!.id)));
      reasons.push(await db.transaction((tx) => spendLink(tx, row!.id, at(10))));
    }
    expect(reasons).toEqual(["revoked", "used", "expired"]);
  });
});

describe("tokens are never written down", () => {
  it("no issued token, nor its link, is in the activity log, the outbox or any log line", async () => {
    expect(issued.length).toBeGreaterThan(5);
    const entries = JSON.stringify(await db.run((d) => d.select().from(activityLog)));
    const outbox = JSON.stringify(await db.run((d) => d.select().from(emailOutbox)));
    const lines = logged.join("");
    for (const token of issued) {
      expect(entries).not.toContain(token);
      expect(outbox).not.toContain(token);
      expect(lines).not.toContain(token);
    }
    // The refusal of an unknown token is a log line, without the token.
    const stray = "A".repeat(43);
    expect(
      await resetPassword({ token: stray, ...newPassword("whatever password 1") }, null, T0),
    ).toEqual({
      ok: false,
      refused: "unknown",
    });
    expect(logged.join("")).toContain('"reason":"unknown"');
    expect(logged.join("")).not.toContain(stray);
  });

  it("a trace never carries a link's token: its path is redacted like an order's", () => {
    const token = issued[0]!;
    for (const page of ["invitation", "reset-password"]) {
      expect(redactText(`POST /admin/${page}/${token}`, [], true)).toBe(
        `POST /admin/${page}/:token`,
      );
      expect(redactText(`http://localhost:3000/en/admin/${page}/${token}?x=1`, [], true)).toBe(
        `http://localhost:3000/en/admin/${page}/:token`,
      );
      // Next's route template stays readable.
      expect(redactText(`/[locale]/admin/${page}/[token]`, [], true)).toBe(
        `/[locale]/admin/${page}/[token]`,
      );
    }
  });
});
