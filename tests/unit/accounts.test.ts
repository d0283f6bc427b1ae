// The Accounts page's changes on a real database (both dialects): invitations (only the token's
// hash stored, the email queued, the activity entry written, refusals writing nothing, a re-invite
// revoking the older link), role changes and removals that always leave an owner, also when two
// owners demote each other at once; and every owner-only server action called directly as staff
// (403, an `access.refused` entry, nothing changed) and as an owner, next to the staff actions
// staff may use.
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";

// Who the mocked Auth.js session says is signed in (null: nobody), and the request's headers.
const session = vi.hoisted(() => ({ userId: null as number | null }));
vi.mock("@/lib/auth/config", () => ({
  SIGN_IN_PATH: "/admin/sign-in",
  auth: async () => (session.userId === null ? null : { user: { id: String(session.userId) } }),
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
}));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

// next.config.mjs turns on authInterrupts; forbidden() reads this to know it may throw its 403.
setTestEnv({ __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true", TRUSTED_PROXY_HOPS: "1" });
const schema = await import("@/lib/db/schema");
const { accountTokens, activityLog, emailOutbox, users } = schema;
const accounts = await import("@/lib/admin/accounts");
const { inviteFieldErrors, inviteSchema } = await import("@/lib/admin/account-schema");
const { deriveToken, hashToken, lookupHash, TOKEN_LIFETIME_MS } =
  await import("@/lib/auth/account-tokens");
const { checkSession } = await import("@/lib/auth/session");
const { recordActivity } = await import("@/lib/activity/record");
const ownerActions = await import("@/app/[locale]/admin/(office)/accounts/actions");
const orderActions = await import("@/app/[locale]/admin/(office)/orders/[id]/actions");
const officeActions = await import("@/app/[locale]/admin/(office)/actions");

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
const SECRET = process.env.AUTH_SECRET!;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

afterEach(() => {
  session.userId = null;
});

type Role = "owner" | "staff";
interface Person {
  id: number;
  email: string;
  name: string;
  role: Role;
}

let serial = 0;
async function person(role: Role, name = `${role} ${++serial}`): Promise<Person> {
  const email = `${name.replace(/\s+/g, "-").toLowerCase()}-${++serial}@toko.example`;
  const [row] = await db.run((d) =>
    d
      .insert(users)
      .values({ email, name, role, passwordHash: "scrypt$unused" })
      .returning({ id: users.id }),
  );
  return { id: row!.id, email, name, role };
}

const by = (staff: Person) => ({ staff, clientAddress: "203.0.113.7" });
const invite = (email: string, role: Role = "staff", locale: "id" | "en" = "en") =>
  inviteSchema.parse({ email, role, locale });

/** Leaves exactly the given owners: every other owner becomes staff (straight in the database). */
async function onlyOwners(...keep: Person[]) {
  const all = await db.run((d) => d.select().from(users).where(eq(users.role, "owner")));
  for (const row of all)
    if (!keep.some((k) => k.id === row.id))
      await db.run((d) => d.update(users).set({ role: "staff" }).where(eq(users.id, row.id)));
}

const ownerCount = async () =>
  (await db.run((d) => d.select().from(users).where(eq(users.role, "owner")))).length;
const tokensFor = (email: string) =>
  db.run((d) => d.select().from(accountTokens).where(eq(accountTokens.email, email)));
const outboxFor = (email: string) =>
  db.run((d) => d.select().from(emailOutbox).where(eq(emailOutbox.recipient, email)));
const entries = (action: (typeof schema.activityActions)[number]) =>
  db.run((d) => d.select().from(activityLog).where(eq(activityLog.action, action)));
const userRow = async (id: number) =>
  (await db.run((d) => d.select().from(users).where(eq(users.id, id))))[0];

/** Everything the Accounts page's actions may change, to compare before and after. */
const accountState = async () =>
  JSON.stringify(
    await db.run(async (d) => [
      await d.select().from(users).orderBy(users.id),
      await d.select().from(accountTokens).orderBy(accountTokens.id),
      await d.select().from(emailOutbox).orderBy(emailOutbox.id),
    ]),
  );

describe("invitations", () => {
  it("store only the token's hash, queue the email and record the invitation, in one go", async () => {
    const owner = await person("owner", "Ayu Owner");
    const before = new Date("2026-03-01T02:00:00Z");
    const result = await accounts.inviteAccount(
      invite("  New.Packer@Toko.Example ", "staff", "id"),
      by(owner),
      before,
    );
    expect(result).toEqual({ ok: true, email: "new.packer@toko.example" });

    const [token, ...more] = await tokensFor("new.packer@toko.example");
    expect(more).toEqual([]);
    expect(token).toMatchObject({
      purpose: "invitation",
      role: "staff",
      locale: "id",
      createdBy: owner.id,
      usedAt: null,
      revokedAt: null,
    });
    expect(token!.expiresAt.getTime() - before.getTime()).toBe(TOKEN_LIFETIME_MS.invitation);
    // The link's token is derived from the nonce and AUTH_SECRET; the row holds only its SHA-256.
    const link = deriveToken(SECRET, "invitation", token!.nonce);
    expect(token!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(token!.tokenHash).toBe(hashToken(link));
    expect(lookupHash(link)).toBe(token!.tokenHash);

    const [email, ...moreEmails] = await outboxFor("new.packer@toko.example");
    expect(moreEmails).toEqual([]);
    expect(email).toMatchObject({
      kind: "staff_invitation",
      accountTokenId: token!.id,
      orderId: null,
      cause: `token:${token!.id}`,
      status: "queued",
    });

    const invited = (await entries("account.invited")).filter(
      (e) => e.subjectId === String(token!.id),
    );
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({
      actorId: owner.id,
      actorName: "Ayu Owner",
      actorRole: "owner",
      subjectType: "invitation",
      after: { email: "new.packer@toko.example", role: "staff", locale: "id" },
      clientAddress: "203.0.113.7",
    });
    // The token itself is nowhere in the database.
    expect(await accountState()).not.toContain(link);
    expect(JSON.stringify(invited)).not.toContain(link);
  });

  it("refuse an address that already has an account, whatever its case, and write nothing", async () => {
    const owner = await person("owner");
    const taken = await person("staff", "Taken Person");
    const state = await accountState();
    const invitedBefore = (await entries("account.invited")).length;
    expect(await accounts.inviteAccount(invite(taken.email.toUpperCase()), by(owner))).toEqual({
      ok: false,
      fieldErrors: { email: "email.taken" },
      email: taken.email,
    });
    expect(await accountState()).toBe(state);
    expect((await entries("account.invited")).length).toBe(invitedBefore);
  });

  it("re-inviting an address revokes its older invitation: only the newest link works", async () => {
    const owner = await person("owner");
    const first = await accounts.inviteAccount(invite("twice@toko.example"), by(owner));
    const second = await accounts.inviteAccount(invite("TWICE@toko.example", "owner"), by(owner));
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true });
    const [older, newer] = (await tokensFor("twice@toko.example")).sort((a, b) => a.id - b.id);
    expect(older!.revokedAt).not.toBeNull();
    expect(newer).toMatchObject({ revokedAt: null, role: "owner" });
    expect(await outboxFor("twice@toko.example")).toHaveLength(2);
    const revoked = (await entries("account.invitation_revoked")).find(
      (e) => e.subjectId === String(older!.id),
    );
    expect(revoked).toMatchObject({ actorId: owner.id, after: { replacedBy: newer!.id } });
    // The page lists the address once, with its newest invitation.
    const { invitations } = await accounts.listAccounts();
    expect(invitations.filter((i) => i.email === "twice@toko.example")).toEqual([
      expect.objectContaining({ id: newer!.id, state: "invited", role: "owner" }),
    ]);
  });

  it("a link replaced before its email went out is not mailed; the newest one is, and opens its row", async () => {
    const owner = await person("owner");
    await accounts.inviteAccount(invite("unsent@toko.example"), by(owner));
    await accounts.inviteAccount(invite("unsent@toko.example"), by(owner));
    const mailed: { to: string; text: string }[] = [];
    const { sendDueEmails, LINK_WITHDRAWN } = await import("@/lib/mail/sender");
    const report = await sendDueEmails(db, {
      transport: {
        sendMail: async (message) => {
          mailed.push(message);
          return { response: "250 ok" };
        },
      },
      from: "shop@toko.example",
      baseUrl: "https://toko.example",
      zone: "Asia/Jakarta",
      retryBaseMs: 1000,
      maxTries: 3,
      recipientDailyLimit: 50,
      tokenSecret: SECRET,
    });
    const ours = mailed.filter((m) => m.to === "unsent@toko.example");
    expect(ours).toHaveLength(1);
    expect(report.withdrawn).toBeGreaterThanOrEqual(1);
    const [older, newer] = (await tokensFor("unsent@toko.example")).sort((a, b) => a.id - b.id);
    const token = /\/admin\/invitation\/([A-Za-z0-9_-]{43})/.exec(ours[0]!.text)?.[1];
    expect(token && lookupHash(token)).toBe(newer!.tokenHash);
    const rows = (await outboxFor("unsent@toko.example")).sort((a, b) => a.id - b.id);
    expect(rows.map((r) => r.status)).toEqual(["failed", "sent"]);
    expect(rows[0]!.lastError).toBe(`${LINK_WITHDRAWN}: revoked`);
    expect(rows[0]!.accountTokenId).toBe(older!.id);
    // The orders page's "emails not sent" warning is about orders: an account email is not one.
    const { unsentEmailCount } = await import("@/lib/admin/emails");
    const before = await unsentEmailCount();
    await accounts.inviteAccount(invite("queued-only@toko.example"), by(owner));
    expect(await unsentEmailCount()).toBe(before);
  });

  it("can be revoked once; the page then says revoked, and an expired one says expired", async () => {
    const owner = await person("owner", "Revoking Owner");
    await accounts.inviteAccount(invite("revoke-me@toko.example"), by(owner));
    const [token] = await tokensFor("revoke-me@toko.example");
    expect(await accounts.revokeInvitation(token!.id, by(owner))).toBe("revoked");
    expect(await accounts.revokeInvitation(token!.id, by(owner))).toBe("notPending");
    expect(await accounts.revokeInvitation(987_654, by(owner))).toBe("gone");
    expect(
      (await entries("account.invitation_revoked")).filter(
        (e) => e.subjectId === String(token!.id),
      ),
    ).toHaveLength(1);

    const old = new Date(Date.now() - TOKEN_LIFETIME_MS.invitation - 60_000);
    await accounts.inviteAccount(invite("late@toko.example"), by(owner), old);
    const { invitations } = await accounts.listAccounts();
    expect(invitations.find((i) => i.email === "revoke-me@toko.example")).toMatchObject({
      state: "revoked",
      invitedBy: "Revoking Owner",
    });
    expect(invitations.find((i) => i.email === "late@toko.example")).toMatchObject({
      state: "expired",
    });
    const [late] = await tokensFor("late@toko.example");
    expect(await accounts.revokeInvitation(late!.id, by(owner))).toBe("notPending");
  });

  it("the schema refuses a malformed address and an unknown role or language, field by field", () => {
    const bad = inviteSchema.safeParse({ email: "not an address", role: "admin", locale: "fr" });
    expect(bad.success).toBe(false);
    expect(inviteFieldErrors(bad.error!)).toEqual({
      email: "email.invalid",
      role: "role.invalid",
      locale: "locale.invalid",
    });
    expect(
      inviteFieldErrors(inviteSchema.safeParse({ role: "staff", locale: "en" }).error!),
    ).toEqual({ email: "email.required" });
    expect(
      inviteFieldErrors(
        inviteSchema.safeParse({
          email: `${"a".repeat(250)}@x.example`,
          role: "staff",
          locale: "en",
        }).error!,
      ),
    ).toEqual({ email: "email.tooLong" });
  });
});

describe("roles and removals", () => {
  it("change a role with its before and after; demoting the last owner is refused", async () => {
    const owner = await person("owner", "Last Owner");
    const staff = await person("staff", "Promoted Staff");
    await onlyOwners(owner);
    expect(await accounts.changeRole(staff.id, "owner", by(owner))).toBe("changed");
    expect((await userRow(staff.id))!.role).toBe("owner");
    expect(await accounts.changeRole(staff.id, "owner", by(owner))).toBe("unchanged");
    const changed = (await entries("account.role_changed")).filter(
      (e) => e.subjectId === String(staff.id),
    );
    expect(changed).toEqual([
      expect.objectContaining({
        actorId: owner.id,
        subjectType: "account",
        before: { email: staff.email, role: "staff" },
        after: { email: staff.email, role: "owner" },
      }),
    ]);

    // Two owners: one may step down (themselves, handing over); then the other is the last.
    expect(await accounts.changeRole(owner.id, "staff", by(owner))).toBe("changed");
    const promoted = { ...staff, role: "owner" as const };
    const state = await accountState();
    const logged = (await entries("account.role_changed")).length;
    expect(await accounts.changeRole(promoted.id, "staff", by(promoted))).toBe("lastOwner");
    expect(await accountState()).toBe(state);
    expect((await entries("account.role_changed")).length).toBe(logged);
    expect(await ownerCount()).toBe(1);
    expect(await accounts.changeRole(404_404, "staff", by(promoted))).toBe("gone");
  });

  it("remove an account: its session ends, its past entries keep the name; the last owner stays", async () => {
    const owner = await person("owner", "Remaining Owner");
    const leaving = await person("staff", "Leaving Staff");
    await onlyOwners(owner);
    await db.transaction((tx) =>
      recordActivity(tx, { actor: leaving, action: "order.check_status", clientAddress: null }),
    );
    const claims = { sub: String(leaving.id), signedInAt: Date.now(), sessionVersion: 1 };
    expect(await checkSession(claims)).toBe("valid");

    expect(await accounts.removeAccount(leaving.id, by(owner))).toBe("removed");
    expect(await userRow(leaving.id)).toBeUndefined();
    expect(await checkSession(claims)).toBe("no_user");
    const removed = (await entries("account.removed")).filter(
      (e) => e.subjectId === String(leaving.id),
    );
    expect(removed).toEqual([
      expect.objectContaining({
        actorId: owner.id,
        before: { email: leaving.email, name: "Leaving Staff", role: "staff" },
        after: null,
      }),
    ]);
    const own = await db.run((d) =>
      d.select().from(activityLog).where(eq(activityLog.actorId, leaving.id)),
    );
    expect(own.map((e) => e.actorName)).toEqual(["Leaving Staff"]);
    expect(await accounts.removeAccount(leaving.id, by(owner))).toBe("gone");

    const state = await accountState();
    expect(await accounts.removeAccount(owner.id, by(owner))).toBe("lastOwner");
    expect(await accountState()).toBe(state);
    expect(await ownerCount()).toBe(1);
  });

  it("an owner demoted or removed takes their invitations still out with them, each revoked and recorded @faults", async () => {
    const keeper = await person("owner", "Keeper Owner");
    const demoted = await person("owner", "Demoted Inviter");
    const removed = await person("owner", "Removed Inviter");
    const now = new Date();
    const issued = async (email: string, sender: Person) => {
      expect(await accounts.inviteAccount(invite(email), by(sender), now)).toEqual({
        ok: true,
        email,
      });
      return (await tokensFor(email))[0]!;
    };
    const fromDemoted = await issued("from-demoted@toko.example", demoted);
    const fromRemoved = await issued("from-removed@toko.example", removed);
    const fromKeeper = await issued("from-keeper@toko.example", keeper);

    expect(await accounts.changeRole(demoted.id, "staff", by(keeper))).toBe("changed");
    expect(await accounts.removeAccount(removed.id, by(keeper))).toBe("removed");

    const revoked = (await entries("account.invitation_revoked")).filter((e) =>
      [fromDemoted.id, fromRemoved.id, fromKeeper.id].map(String).includes(e.subjectId!),
    );
    expect(revoked).toEqual([
      expect.objectContaining({
        actorId: keeper.id,
        subjectType: "invitation",
        subjectId: String(fromDemoted.id),
        before: { email: "from-demoted@toko.example", role: "staff" },
        after: { reason: "inviter_demoted" },
      }),
      expect.objectContaining({
        actorId: keeper.id,
        subjectType: "invitation",
        subjectId: String(fromRemoved.id),
        before: { email: "from-removed@toko.example", role: "staff" },
        after: { reason: "inviter_removed" },
      }),
    ]);
    expect((await tokensFor("from-demoted@toko.example"))[0]!.revokedAt).not.toBeNull();
    expect((await tokensFor("from-removed@toko.example"))[0]!.revokedAt).not.toBeNull();
    // Another owner's invitation, and a staff member's promotion, leave invitations alone.
    expect(await accounts.changeRole(demoted.id, "owner", by(keeper))).toBe("changed");
    expect((await tokensFor("from-keeper@toko.example"))[0]!.revokedAt).toBeNull();
    // The revoked link says so, and accepting it changes nothing.
    const { acceptInvitation, viewInvitation } = await import("@/lib/auth/invitations");
    const link = deriveToken(SECRET, "invitation", fromDemoted.nonce);
    expect(await viewInvitation(link)).toEqual({ verdict: "revoked" });
    expect(
      await acceptInvitation(
        {
          token: link,
          email: "from-demoted@toko.example",
          name: "Nobody",
          password: "a password for nothing 1",
          confirmation: "a password for nothing 1",
        },
        null,
      ),
    ).toEqual({ ok: false, refused: "revoked" });
  });

  it("refuses someone who stopped being an owner since the page loaded, and records it", async () => {
    const former = await person("staff", "Former Owner");
    const target = await person("staff");
    const state = await accountState();
    const refused = (await entries("access.refused")).length;
    // `former` still carries role "owner" from the request's start; the database says staff.
    const stale = by({ ...former, role: "owner" });
    expect(await accounts.changeRole(target.id, "owner", stale)).toBe("forbidden");
    expect(await accounts.removeAccount(target.id, stale)).toBe("forbidden");
    expect(await accounts.inviteAccount(invite("stale@toko.example"), stale)).toBe("forbidden");
    expect(await accountState()).toBe(state);
    const after = await entries("access.refused");
    expect(after.length).toBe(refused + 3);
    expect(after.at(-1)).toMatchObject({ actorId: former.id, after: { needs: "owner" } });
  });

  // On PostgreSQL the two transactions run side by side: without the owner rows locked, each
  // would count two owners and both demotions would commit.
  it("two owners demoting or removing each other at once leave one owner, never none @faults", async () => {
    for (let round = 0; round < 8; round++) {
      const a = await person("owner", `Owner A${round}`);
      const b = await person("owner", `Owner B${round}`);
      await onlyOwners(a, b);
      const results = await Promise.all([
        accounts.changeRole(b.id, "staff", by(a)),
        accounts.changeRole(a.id, "staff", by(b)),
      ]);
      expect(results.filter((r) => r === "changed")).toHaveLength(1);
      expect(await ownerCount()).toBe(1);

      const c = await person("owner", `Owner C${round}`);
      const d = await person("owner", `Owner D${round}`);
      await onlyOwners(c, d);
      const removals = await Promise.all([
        accounts.removeAccount(d.id, by(c)),
        accounts.removeAccount(c.id, by(d)),
      ]);
      expect(removals.filter((r) => r === "removed")).toHaveLength(1);
      expect(await ownerCount()).toBe(1);
    }
  });
});

// ---- The server actions, called directly as a replayed or hand-made request would call them ----

const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, String(v));
  return data;
};

/** A 403 from Next's forbidden(): what the browser gets for a staff session replaying an action. */
const FORBIDDEN = expect.objectContaining({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });

describe("@faults owner-only actions", () => {
  it("refuse a staff session with 403, an access.refused entry and nothing changed; an owner's go through", async () => {
    const owner = await person("owner", "Acting Owner");
    const staff = await person("staff", "Curious Staff");
    const other = await person("staff", "Other Staff");
    await accounts.inviteAccount(invite("pending@toko.example"), by(owner));
    const [pending] = await tokensFor("pending@toko.example");

    // One valid form per action: every exported action must have one, so a new action is tested.
    const forms: Record<string, () => FormData> = {
      inviteAction: () => form({ email: "replayed@toko.example", role: "owner", locale: "en" }),
      revokeInvitationAction: () => form({ invitationId: pending!.id }),
      changeRoleAction: () => form({ userId: other.id, role: "owner" }),
      removeAccountAction: () => form({ userId: other.id }),
    };
    // The name each one is refused under: adminAction's own refusal, before the action's body.
    const named: Record<string, string> = {
      inviteAction: "account.invited",
      revokeInvitationAction: "account.invitation_revoked",
      changeRoleAction: "account.role_changed",
      removeAccountAction: "account.removed",
    };
    const actions = Object.entries(ownerActions).filter(([, v]) => typeof v === "function");
    expect(actions.map(([name]) => name).sort()).toEqual(Object.keys(forms).sort());

    for (const [name, action] of actions) {
      const call = action as (data: FormData) => Promise<unknown>;
      session.userId = staff.id;
      const state = await accountState();
      const refusedBefore = (await entries("access.refused")).length;
      await expect(call(forms[name]!()), name).rejects.toEqual(FORBIDDEN);
      expect(await accountState(), name).toBe(state);
      const refused = await entries("access.refused");
      expect(refused.length, name).toBe(refusedBefore + 1);
      expect(refused.at(-1), name).toMatchObject({
        actorId: staff.id,
        actorName: "Curious Staff",
        actorRole: "staff",
        clientAddress: "203.0.113.7",
      });
      expect(refused.at(-1)!.after, name).toEqual({ action: named[name], needs: "owner" });
    }
    expect(await tokensFor("replayed@toko.example")).toEqual([]);
    expect(await outboxFor("replayed@toko.example")).toEqual([]);

    // The same forms from the owner do what they say.
    session.userId = owner.id;
    expect(await ownerActions.inviteAction(forms.inviteAction!())).toEqual({
      ok: true,
      email: "replayed@toko.example",
    });
    expect(await outboxFor("replayed@toko.example")).toHaveLength(1);
    expect(await ownerActions.revokeInvitationAction(forms.revokeInvitationAction!())).toBe(
      "revoked",
    );
    expect(await ownerActions.changeRoleAction(forms.changeRoleAction!())).toBe("changed");
    expect((await userRow(other.id))!.role).toBe("owner");
    expect(await ownerActions.removeAccountAction(forms.removeAccountAction!())).toBe("removed");
    expect(await userRow(other.id)).toBeUndefined();
  });

  it("the invite action answers field by field and sends nothing for bad input or a taken address", async () => {
    const owner = await person("owner");
    const taken = await person("staff");
    session.userId = owner.id;
    const state = await accountState();
    expect(
      await ownerActions.inviteAction(form({ email: "nope", role: "staff", locale: "en" })),
    ).toEqual({ ok: false, fieldErrors: { email: "email.invalid" } });
    expect(
      await ownerActions.inviteAction(
        form({ email: "fine@toko.example", role: "superuser", locale: "en" }),
      ),
    ).toEqual({ ok: false, fieldErrors: { role: "role.invalid" } });
    expect(
      await ownerActions.inviteAction(form({ email: taken.email, role: "staff", locale: "id" })),
    ).toMatchObject({ ok: false, fieldErrors: { email: "email.taken" } });
    expect(await accountState()).toBe(state);
  });

  it("staff may use the staff actions: none of them is refused", async () => {
    const staff = await person("staff");
    session.userId = staff.id;
    const refusedBefore = (await entries("access.refused")).length;
    // Ids that match nothing: each action answers "not found" or does nothing, but is allowed.
    const forms: Record<string, FormData> = {
      checkStatusAction: form({ orderId: 999_999, attemptId: 999_999 }),
      markReviewedAction: form({ orderId: 999_999, eventId: 999_999 }),
      resendEmailAction: form({ orderId: 999_999, outboxId: 999_999 }),
      markUnmatchedReviewedAction: form({ eventId: 999_999 }),
    };
    const staffActions = [...Object.entries(orderActions), ...Object.entries(officeActions)].filter(
      ([, v]) => typeof v === "function",
    );
    expect(staffActions.map(([name]) => name).sort()).toEqual(Object.keys(forms).sort());
    for (const [name, action] of staffActions)
      await expect(
        (action as (data: FormData) => Promise<unknown>)(forms[name]!),
        name,
      ).resolves.not.toEqual(FORBIDDEN);
    expect((await entries("access.refused")).length).toBe(refusedBefore);
  });

  it("an owner who steps down or removes themselves is sent away from the page", async () => {
    const stays = await person("owner", "Staying Owner");
    const stepsDown = await person("owner", "Stepping Down");
    const leaves = await person("owner", "Leaving Owner");
    const redirected = expect.objectContaining({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/admin;/),
    });
    session.userId = stepsDown.id;
    await expect(
      ownerActions.changeRoleAction(form({ userId: stepsDown.id, role: "staff" })),
    ).rejects.toEqual(redirected);
    expect((await userRow(stepsDown.id))!.role).toBe("staff");
    session.userId = leaves.id;
    await expect(ownerActions.removeAccountAction(form({ userId: leaves.id }))).rejects.toEqual(
      redirected,
    );
    expect(await userRow(leaves.id)).toBeUndefined();
    expect((await userRow(stays.id))!.role).toBe("owner");
  });

  it("a session whose account is gone is sent to sign-in, and nothing runs", async () => {
    const owner = await person("owner");
    session.userId = owner.id + 10_000;
    const state = await accountState();
    await expect(
      ownerActions.removeAccountAction(form({ userId: owner.id })),
    ).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(await accountState()).toBe(state);
  });
});
