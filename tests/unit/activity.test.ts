// The activity log on a real, migrated database (both dialects): entries are written with their
// change and never without it, the database refuses to change or delete a young entry (and lets
// the prune take an old one), the Activity page's query filters by person, action and shop-zone
// day and pages; signing in, failing and signing out leave their entries.
import { and, count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv, TEST_DOKU, testDialect } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";
import { signedHeaders, successBody } from "../support/signed-notification";

setTestEnv({ TRUSTED_PROXY_HOPS: "1" });
const schema = await import("@/lib/db/schema");
const { recordActivity } = await import("@/lib/activity/record");
const { ACTIVITY_RETENTION_DAYS } = await import("@/lib/activity/retention");
const { listActivity, activityActors, orderActivity } = await import("@/lib/admin/activity");
const { parseActivityFilter, activityQuery } = await import("@/lib/admin/activity-filter");
const { resendEmail } = await import("@/lib/admin/emails");
const { markEventReviewed } = await import("@/lib/admin/orders");
const { markUnmatchedReviewed } = await import("@/lib/admin/unmatched");
const { checkStatusAsStaff } = await import("@/lib/admin/check-status");
const { checkCredentials } = await import("@/lib/auth/users");
const { recordRemovedSession, recordSignOut, REMOVED_SESSION_ENTRY_MS } =
  await import("@/lib/auth/sign-in-activity");
const { seedAdmin } = await import("@/lib/auth/seed-admin");
const { pruneNoise } = await import("@/lib/payments/prune-noise");
const { receiveNotification } = await import("@/lib/payments/notifications");
const { activityLog, users, emailOutbox } = schema;

let db: Awaited<ReturnType<typeof migratedAndSeeded>>;
beforeAll(async () => {
  db = await migratedAndSeeded();
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** `2026-03-10T23:30` in Jakarta. */
const wib = (local: string) => new Date(`${local}+07:00`);
const staffBy = (id: number, name = `Staff ${id}`) => ({
  staff: { id, email: `s${id}@shop.example`, name, role: "staff" as const },
  clientAddress: "198.51.100.4",
});

const entriesWhere = (where: ReturnType<typeof eq>) =>
  db.run((d) =>
    d.select().from(activityLog).where(where).orderBy(activityLog.createdAt, activityLog.id),
  );
const entriesOf = (actorId: number) => entriesWhere(eq(activityLog.actorId, actorId));

/** The database's refusal, whatever wraps it (drizzle puts the driver's error in `cause`). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return `${String(error)} ${cause ? String(cause) : ""}`;
  }
  return "not refused";
}

describe("entries are written with their change", () => {
  it("commits an entry with its transaction and drops it when the transaction rolls back", async () => {
    const actor = { id: 7001, name: "Rina", role: "staff" as const };
    await db.transaction((tx) =>
      recordActivity(tx, { actor, action: "order.check_status", after: { n: 1 } }),
    );
    await expect(
      db.transaction(async (tx) => {
        await recordActivity(tx, { actor, action: "order.check_status", after: { n: 2 } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await entriesOf(7001)).map((e) => e.after)).toEqual([{ n: 1 }]);
  });

  it("resend, mark reviewed and Check Status each write one entry on the order, and nothing when they change nothing", async () => {
    const order = await createPendingOrder(db);
    const other = await createPendingOrder(db);
    const by = staffBy(7002, "Dewi");
    const [original] = await db.run((d) =>
      d
        .insert(emailOutbox)
        .values({
          orderId: order.orderId,
          kind: "order_confirmation",
          recipient: "siti@example.com",
          nextAttemptAt: new Date(),
        })
        .returning(),
    );
    // Not this order's email: refused, no entry.
    expect(await resendEmail(other.orderId, original!.id, by)).toBe(false);
    expect(await resendEmail(order.orderId, original!.id, by)).toBe(true);
    const [resent] = await db.run((d) =>
      d.select().from(emailOutbox).where(eq(emailOutbox.resendOf, original!.id)),
    );

    // A flagged event on the order (an amount DOKU reports differently), marked reviewed once.
    const body = successBody(order.invoice, order.amount - 1);
    await receiveNotification(Buffer.from(body), signedHeaders(body, TEST_DOKU.secretKey).headers, {
      url: TEST_DOKU.notificationPath,
    });
    const [flagged] = await db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(
          and(
            eq(schema.paymentEvents.orderId, order.orderId),
            eq(schema.paymentEvents.flagged, true),
          ),
        ),
    );
    expect(await markEventReviewed(other.orderId, flagged!.id, by)).toBe(false);
    expect(await markEventReviewed(order.orderId, flagged!.id, by)).toBe(true);
    expect(await markEventReviewed(order.orderId, flagged!.id, by)).toBe(false);
    // Only an unmatched notification can be marked from the orders page: this one has its order.
    expect(await markUnmatchedReviewed(flagged!.id, by)).toBe(false);

    // Check Status: another order's attempt checks nothing; DOKU unreachable (port 9) is the outcome.
    expect(await checkStatusAsStaff(other.orderId, order.attemptId, by)).toEqual({
      ok: false,
      key: "notThisOrder",
    });
    const checked = await checkStatusAsStaff(order.orderId, order.attemptId, by);
    expect(checked.ok).toBe(false);

    const entries = await entriesOf(7002);
    expect(
      entries.map((e) => [e.action, e.subjectType, e.subjectId, e.actorName, e.actorRole]),
    ).toEqual([
      ["order.email_resent", "order", String(order.orderId), "Dewi", "staff"],
      ["order.event_reviewed", "order", String(order.orderId), "Dewi", "staff"],
      ["order.check_status", "order", String(order.orderId), "Dewi", "staff"],
    ]);
    expect(entries[0]!.after).toEqual({
      outboxId: original!.id,
      kind: "order_confirmation",
      newOutboxId: resent!.id,
    });
    expect(entries[1]!.after).toMatchObject({ eventId: flagged!.id });
    expect(entries[2]!.after).toEqual({ attempt: order.invoice, result: checked.key });
    expect(entries.every((e) => e.clientAddress === "198.51.100.4")).toBe(true);
    // The order's timeline reads the same three, oldest first; the other order has none.
    expect((await orderActivity(order.orderId)).map((e) => e.action)).toEqual(
      entries.map((e) => e.action),
    );
    expect(await orderActivity(other.orderId)).toEqual([]);
  });
});

describe("@faults the database keeps the log append-only", () => {
  it(`refuses UPDATE and DELETE of a young entry, and lets an entry older than ${ACTIVITY_RETENTION_DAYS} days go`, async () => {
    const actor = { id: 7101, name: "Budi", role: "owner" as const };
    const now = Date.now();
    await db.transaction(async (tx) => {
      await recordActivity(tx, { actor, action: "auth.sign_in", after: { age: "young" } });
      await recordActivity(tx, {
        actor,
        action: "auth.sign_in",
        after: { age: "old" },
        at: new Date(now - (ACTIVITY_RETENTION_DAYS + 2) * DAY_MS),
      });
    });
    const [old, young] = await entriesOf(7101);
    expect(old!.after).toEqual({ age: "old" });

    for (const id of [young!.id, old!.id])
      expect(
        await refusal(
          db.run((d) =>
            d.update(activityLog).set({ actorName: "Someone else" }).where(eq(activityLog.id, id)),
          ),
        ),
      ).toMatch(/append-only/);
    expect(
      await refusal(db.run((d) => d.delete(activityLog).where(eq(activityLog.id, young!.id)))),
    ).toMatch(/append-only: an entry is kept for 730 days/);
    // Emptying the table is refused too: it holds young entries.
    expect(await refusal(db.run((d) => d.delete(activityLog)))).toMatch(/append-only/);
    if (testDialect === "postgresql") {
      const driver = db.driver;
      if (driver.dialect !== "postgresql") throw new Error("expected PostgreSQL");
      expect(await refusal(driver.client.query("TRUNCATE activity_log"))).toMatch(
        /append-only: TRUNCATE refused/,
      );
    }
    await db.run((d) => d.delete(activityLog).where(eq(activityLog.id, old!.id)));
    expect((await entriesOf(7101)).map((e) => e.id)).toEqual([young!.id]);
  });

  it("the prune deletes entries past the retention (with a day's margin) and keeps the rest", async () => {
    const actor = { id: 7102, name: "Budi", role: "owner" as const };
    const now = Date.now();
    const ages = [ACTIVITY_RETENTION_DAYS + 40, ACTIVITY_RETENTION_DAYS + 0.5, 10];
    await db.transaction(async (tx) => {
      for (const days of ages)
        await recordActivity(tx, {
          actor,
          action: "auth.sign_in",
          after: { days },
          at: new Date(now - days * DAY_MS),
        });
    });
    // A `now` in the future (as tests pass) must not reach past the real clock into young rows.
    expect((await pruneNoise(new Date(now + 400 * DAY_MS))).activity).toBe(1);
    expect((await entriesOf(7102)).map((e) => e.after)).toEqual([
      { days: ACTIVITY_RETENTION_DAYS + 0.5 },
      { days: 10 },
    ]);
  });
});

describe("the Activity page's query", () => {
  it("filters by person, action and day in the shop's zone: 23:30 WIB is that WIB day", async () => {
    const actor = { id: 7201, name: "Sari", role: "staff" as const };
    await db.transaction(async (tx) => {
      for (const [at, action] of [
        ["2026-03-09T23:59", "order.check_status"],
        ["2026-03-10T23:30", "order.check_status"],
        ["2026-03-10T12:00", "order.email_resent"],
        ["2026-03-11T00:30", "order.check_status"],
      ] as const)
        await recordActivity(tx, { actor, action, after: { at }, at: wib(at) });
      await recordActivity(tx, {
        actor: null,
        action: "auth.sign_in_failed",
        after: { at: "anon" },
        at: wib("2026-03-10T10:00"),
      });
    });
    const list = async (query: string, zone: "Asia/Jakarta" | "Asia/Jayapura" = "Asia/Jakarta") =>
      (await listActivity(parseActivityFilter(new URLSearchParams(query)).filter, zone)).rows.map(
        (r) => r.after?.at,
      );

    expect(await list("person=7201&from=2026-03-10&to=2026-03-10")).toEqual([
      "2026-03-10T23:30",
      "2026-03-10T12:00",
    ]);
    expect(
      await list("person=7201&action=order.check_status&from=2026-03-10&to=2026-03-10"),
    ).toEqual(["2026-03-10T23:30"]);
    // In WIT (two hours ahead), 23:30 WIB is already the 11th.
    expect(await list("person=7201&from=2026-03-11&to=2026-03-11", "Asia/Jayapura")).toEqual([
      "2026-03-11T00:30",
      "2026-03-10T23:30",
    ]);
    // Nobody signed in: the failed sign-in only (other tests' entries are on other days).
    expect(await list("person=none&from=2026-03-10&to=2026-03-10")).toEqual(["anon"]);
    // A range typed backwards is still the range.
    expect(await list("person=7201&from=2026-03-11&to=2026-03-09")).toHaveLength(4);
  });

  it("pages newest first and keeps the filter in its links", async () => {
    const actor = { id: 7202, name: "Tono", role: "staff" as const };
    const start = wib("2026-04-01T08:00").getTime();
    await db.transaction(async (tx) => {
      for (let i = 0; i < 55; i++)
        await recordActivity(tx, {
          actor,
          action: "order.email_resent",
          after: { i },
          at: new Date(start + i * 60_000),
        });
    });
    const first = await listActivity(parseActivityFilter({ person: "7202" }).filter);
    expect(first).toMatchObject({ total: 55, page: 1, pageCount: 2, pageSize: 50 });
    expect(first.rows.map((r) => r.after?.i)).toEqual(Array.from({ length: 50 }, (_, k) => 54 - k));
    const second = await listActivity(parseActivityFilter({ person: "7202", page: "2" }).filter);
    expect(second.rows.map((r) => r.after?.i)).toEqual([4, 3, 2, 1, 0]);
    expect(activityQuery(parseActivityFilter({ person: "7202", page: "2" }).filter)).toBe(
      "?person=7202&page=2",
    );
  });

  it("names back the params it could not read, and ignores only those", () => {
    expect(
      parseActivityFilter({
        person: "Robert'); DROP TABLE",
        action: "order.delete_everything",
        from: "2026-02-30",
        to: "2026-03-10",
        page: "-1",
      }),
    ).toEqual({
      filter: { person: { kind: "all" }, action: null, from: null, to: "2026-03-10", page: 1 },
      ignored: ["person", "action", "from", "page"],
    });
    expect(parseActivityFilter({ person: ["3", "4"], action: "" })).toEqual({
      filter: { person: { kind: "id", id: 3 }, action: null, from: null, to: null, page: 1 },
      ignored: [],
    });
  });

  it("offers current people by their name and removed ones by the name last recorded", async () => {
    await db.transaction(async (tx) => {
      await recordActivity(tx, {
        actor: { id: 7301, name: "Old Name", role: "staff" },
        action: "auth.sign_in",
        at: new Date(Date.now() - 2 * DAY_MS),
      });
      await recordActivity(tx, {
        actor: { id: 7301, name: "Later Name", role: "staff" },
        action: "auth.sign_in",
        at: new Date(Date.now() - DAY_MS),
      });
    });
    const actors = await activityActors();
    expect(actors.find((a) => a.id === 7301)).toEqual({
      id: 7301,
      name: "Later Name",
      email: null,
      removed: true,
    });
  });
});

describe("signing in and out", () => {
  const signInRequest = () =>
    new Request("http://localhost:3000/api/auth/callback/credentials", {
      method: "POST",
      headers: { "x-forwarded-for": "203.0.113.9" },
    });

  it("a right password: an entry, and the account's last sign-in; a wrong one and an unknown email: refusals naming why", async () => {
    await seedAdmin(db, "rina@shop.example", "the right password 1", "staff");
    const [rina] = await db.run((d) =>
      d.select().from(users).where(eq(users.email, "rina@shop.example")),
    );
    expect(rina!.lastSignInAt).toBeNull();

    const wrong = await checkCredentials(
      { email: "  Rina@shop.example ", password: "a wrong password" },
      signInRequest(),
    );
    expect(wrong).toEqual({ ok: false });
    expect(
      (
        await checkCredentials(
          { email: "nobody@shop.example", password: "the right password 1" },
          signInRequest(),
        )
      ).ok,
    ).toBe(false);
    const right = await checkCredentials(
      { email: "rina@shop.example", password: "the right password 1" },
      signInRequest(),
    );
    expect(right.ok).toBe(true);

    const [after] = await db.run((d) => d.select().from(users).where(eq(users.id, rina!.id)));
    expect(after!.lastSignInAt).toBeInstanceOf(Date);

    const failed = await entriesWhere(eq(activityLog.action, "auth.sign_in_failed"));
    const mine = failed.filter((e) => String(e.after?.email).includes("@shop.example"));
    expect(
      mine.map((e) => [e.actorId, e.subjectType, e.subjectId, e.after, e.clientAddress]),
    ).toEqual([
      [
        null,
        "account",
        String(rina!.id),
        { email: "Rina@shop.example", reason: "wrong_password" },
        "203.0.113.9",
      ],
      [null, null, null, { email: "nobody@shop.example", reason: "unknown" }, "203.0.113.9"],
    ]);
    const signedIn = await entriesOf(rina!.id);
    expect(
      signedIn.map((e) => [e.action, e.actorName, e.actorRole, e.subjectId, e.clientAddress]),
    ).toEqual([["auth.sign_in", "Merchant admin", "staff", String(rina!.id), "203.0.113.9"]]);
    expect(signedIn[0]!.createdAt.getTime()).toBe(after!.lastSignInAt!.getTime());
  });

  it("a throttled attempt is a refusal too, and the email kept is bounded", async () => {
    const email = `${"x".repeat(300)}@shop.example`;
    for (let i = 0; i < 6; i++)
      await checkCredentials({ email, password: `guess ${i}` }, signInRequest());
    const failed = await db.run((d) =>
      d
        .select()
        .from(activityLog)
        .where(
          and(
            eq(activityLog.action, "auth.sign_in_failed"),
            sql`${activityLog.clientAddress} = '203.0.113.9'`,
          ),
        )
        .orderBy(desc(activityLog.id))
        .limit(6),
    );
    expect(failed.map((e) => e.after?.reason)).toEqual([
      "throttled",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
      "unknown",
    ]);
    expect(String(failed[0]!.after?.email)).toHaveLength(254);
  });

  it("signing out of a valid session is an entry; a session already ended writes nothing", async () => {
    await seedAdmin(db, "budi@shop.example", "the right password 2", "owner");
    const [budi] = await db.run((d) =>
      d.select().from(users).where(eq(users.email, "budi@shop.example")),
    );
    const claims = { sub: String(budi!.id), signedInAt: Date.now(), sessionVersion: 1 };
    expect(await recordSignOut({ ...claims, sessionVersion: 2 }, null)).toBe(false);
    expect(await recordSignOut(null, null)).toBe(false);
    expect(await recordSignOut(claims, "203.0.113.10")).toBe(true);
    const entries = await entriesOf(budi!.id);
    expect(entries.map((e) => [e.action, e.actorRole, e.clientAddress])).toEqual([
      ["auth.sign_out", "owner", "203.0.113.10"],
    ]);
    const [{ n }] = (await db.run((d) =>
      d.select({ n: count() }).from(activityLog).where(eq(activityLog.action, "auth.sign_out")),
    )) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("a removed account's leftover session is refused on the record, once an hour however often it knocks @faults", async () => {
    const t0 = new Date("2026-12-07T10:00:00Z");
    const knocks = [0, 1_000, 60_000, REMOVED_SESSION_ENTRY_MS + 1];
    for (const ms of knocks)
      await recordRemovedSession("90210", "203.0.113.11", new Date(t0.getTime() + ms));
    const refusals = await db.run((d) =>
      d
        .select()
        .from(activityLog)
        .where(and(eq(activityLog.action, "access.refused"), eq(activityLog.subjectId, "90210"))),
    );
    expect(refusals.map((e) => [e.actorId, e.subjectType, e.after, e.clientAddress])).toEqual([
      [null, "account", { reason: "account_removed" }, "203.0.113.11"],
      [null, "account", { reason: "account_removed" }, "203.0.113.11"],
    ]);
  });
});
