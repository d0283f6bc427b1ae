// "Forgot password?" and the reset link. Asking for a link answers the same sentence, after the
// same minimum time, whether or not the address has an account and whether or not a limit held:
// the database work is the same statements either way (the token and its email are only written
// for an account), the email goes through the outbox (never sent inline), and the answer waits
// until RESET_ANSWER_MS after the request began. Using the link spends it with a conditional update
// and raises the account's session_version in the same transaction, so every session ends.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { MAX_TYPED_TEXT, recordActivity } from "@/lib/activity/record";
import { database } from "@/lib/db/client";
import type { Tx } from "@/lib/db/connection";
import { dialect, users } from "@/lib/db/schema";
import type { Locale } from "@/lib/i18n/locales";
import { countHit } from "@/lib/limits/rate-limits";
import { logLine } from "@/lib/log";
import { countLinkPost } from "./link-limits";
import {
  findLink,
  issueLink,
  recordRefusal,
  revokeLinks,
  spendLink,
  type LinkRow,
  type LinkVerdict,
  type RefusalReason,
} from "./one-time-links";
import { hashPassword } from "./password";
import { fieldProblems, newPasswordFields, type FieldProblems } from "./password-rules";
import { RESET_LIMITS, resetKeys } from "./reset-limits";

/** The least time between a request for a link and its answer, whatever happened meanwhile. */
export const RESET_ANSWER_MS = 1000;

export const forgotForm = z.object({
  email: z.string().trim().toLowerCase().max(254, "emailInvalid").pipe(z.email("emailInvalid")),
});

/** What happened to a request; only the activity log ever learns it, never the person asking. */
export type ResetRequestOutcome = "queued" | "no_account" | "limited";

export type ForgotAnswer = { ok: true } | { ok: false; problems: FieldProblems };

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The "Forgot password?" form's answer: `{ ok: true }` whatever became of it (sent, no such
 * account, limited), returned no earlier than RESET_ANSWER_MS after `clock.now()` at the start.
 * A malformed address is the only other answer, and it says nothing about accounts.
 */
export async function answerForgotPassword(
  form: Record<string, unknown>,
  clientAddress: string | null,
  locale: Locale,
  clock: Clock = realClock,
): Promise<ForgotAnswer> {
  const started = clock.now();
  const parsed = forgotForm.safeParse(form);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error) };
  try {
    await requestPasswordReset(parsed.data.email, clientAddress, locale, new Date(started));
  } finally {
    // Even a failure answers no sooner: its timing must not tell an account apart either.
    const left = started + RESET_ANSWER_MS - clock.now();
    if (left > 0) await clock.sleep(left);
  }
  return { ok: true };
}

/**
 * Counts the request against both limits, then (within them, for an account) revokes the
 * account's earlier unused reset links and queues a new one. Every path runs the same reads and
 * the same revoking update (on no rows without an account), and writes one activity entry.
 */
export async function requestPasswordReset(
  email: string,
  clientAddress: string | null,
  locale: Locale,
  now = new Date(),
): Promise<ResetRequestOutcome> {
  const keys = resetKeys(email, clientAddress);
  return database().transaction(async (tx) => {
    const perAddress = await countHit(tx, keys.address, RESET_LIMITS.windowMs, now);
    const perClient = keys.client
      ? await countHit(tx, keys.client, RESET_LIMITS.windowMs, now)
      : null;
    const perShop = await countHit(tx, keys.shop, RESET_LIMITS.windowMs, now);
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    const over = [
      perAddress.count - RESET_LIMITS.perAddress,
      perClient ? perClient.count - RESET_LIMITS.perClient : 0,
      perShop.count - RESET_LIMITS.perShop,
    ];
    const limited = over.some((n) => n > 0);
    // Only the request that first goes over a limit is an entry: the ones after it in the window
    // are a flood, counted by the limit and one log line each, not rows kept for two years.
    const firstOver = over.some((n) => n === 1);
    const outcome: ResetRequestOutcome = limited ? "limited" : user ? "queued" : "no_account";
    // The same statement on every path: with no account (or over a limit) it matches no row.
    await revokeResetLinks(tx, outcome === "queued" ? user!.id : 0, now);
    let link: number | null = null;
    if (outcome === "queued") link = await queueResetLink(tx, user!, locale, now);
    if (limited && !firstOver) {
      logLine({ event: "auth.reset_limited", client: clientAddress });
      return outcome;
    }
    await recordActivity(tx, {
      actor: null,
      action: "auth.password_reset_requested",
      subject: user ? { type: "account", id: user.id } : null,
      // The address tried, bounded, only when it is not an account's (the subject says which).
      after: {
        outcome,
        ...(user ? {} : { email: email.slice(0, MAX_TYPED_TEXT) }),
        ...(link ? { link } : {}),
      },
      clientAddress,
      at: now,
    });
    return outcome;
  });
}

async function revokeResetLinks(tx: Tx, userId: number, now: Date): Promise<void> {
  await revokeLinks(tx, { purpose: "password_reset", userId }, now);
}

/** The link's row and its email in the outbox, in the caller's transaction; the link's row id. */
function queueResetLink(
  tx: Tx,
  user: { id: number; email: string },
  locale: Locale,
  now: Date,
): Promise<number> {
  return issueLink(
    tx,
    { purpose: "password_reset", email: user.email, userId: user.id, locale },
    now,
  );
}

/** What the reset page shows for a presented link. */
export type ResetView =
  { verdict: "usable"; email: string } | { verdict: Exclude<LinkVerdict, "usable"> };

export async function viewReset(token: unknown, now = new Date()): Promise<ResetView> {
  const found = await database().run((tx) => findLink(tx, "password_reset", token, now));
  if (found.verdict !== "usable") return { verdict: found.verdict };
  return { verdict: "usable", email: found.row.email };
}

export const resetForm = z.object({ token: z.string().max(100) }).and(newPasswordFields);

export type ResetPassword =
  | { ok: true; email: string }
  | { ok: false; problems: FieldProblems }
  | { ok: false; refused: RefusalReason }
  | { ok: false; retryAfterMinutes: number };

/** The account a reset link is for, locked (FOR UPDATE on PostgreSQL) until `tx` ends when `lock`. */
async function resetAccount(tx: Tx, row: LinkRow, lock: boolean) {
  const query = tx
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.id, row.userId ?? 0))
    .limit(1);
  const [user] = lock && dialect === "postgresql" ? await query.for("update") : await query;
  return user;
}

class Refused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
  }
}

/**
 * Sets the new password through the link: spends it and raises session_version in one
 * transaction. A link used before, replaced by a newer one, expired, or whose account is gone is
 * refused, changes nothing, and is an activity entry. The post is counted against the client's
 * link limit and the link checked before the password is hashed, so a dead link costs no scrypt.
 * The account's row is locked before the link is spent, in removeAccount's order (the user, then
 * the links), so a reset and a removal at once wait for each other instead of deadlocking.
 */
export async function resetPassword(
  form: Record<string, unknown>,
  clientAddress: string | null,
  now = new Date(),
): Promise<ResetPassword> {
  const parsed = resetForm.safeParse(form);
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error) };
  const { token } = parsed.data;
  const db = database();
  const gate = await db.transaction(async (tx): Promise<ResetPassword | null> => {
    const retryAfterMinutes = await countLinkPost(tx, clientAddress, now);
    if (retryAfterMinutes !== null) {
      logLine({ event: "auth.link_limited", purpose: "password_reset" });
      return { ok: false, retryAfterMinutes };
    }
    const found = await findLink(tx, "password_reset", token, now);
    const refused: RefusalReason | null =
      found.verdict !== "usable"
        ? found.verdict
        : !(await resetAccount(tx, found.row, false))
          ? "no_account"
          : null;
    if (!refused) return null;
    await recordRefusal(tx, "password_reset", found.row, refused, clientAddress, now);
    return { ok: false, refused };
  });
  if (gate) return gate;
  // The slow hash outside the transaction, so the one below holds its locks for milliseconds only.
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    return await db.transaction(async (tx): Promise<ResetPassword> => {
      const found = await findLink(tx, "password_reset", token, now);
      if (found.verdict !== "usable") {
        await recordRefusal(tx, "password_reset", found.row, found.verdict, clientAddress, now);
        return { ok: false, refused: found.verdict };
      }
      const row = found.row;
      const user = await resetAccount(tx, row, true);
      if (!user) {
        await recordRefusal(tx, "password_reset", row, "no_account", clientAddress, now);
        return { ok: false, refused: "no_account" };
      }
      const spent = await spendLink(tx, row.id, now);
      if (spent !== "spent") {
        await recordRefusal(tx, "password_reset", row, spent, clientAddress, now);
        return { ok: false, refused: spent };
      }
      const updated = await tx
        .update(users)
        .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, user.id))
        .returning({ id: users.id });
      // Thrown, so the link stays unspent: the refusal is written in a transaction of its own.
      if (updated.length === 0) throw new Refused("no_account");
      // Whatever other reset links are still out for this account end with this one.
      await revokeResetLinks(tx, user.id, now);
      await recordActivity(tx, {
        actor: user,
        action: "auth.password_reset",
        subject: { type: "account", id: user.id },
        after: { link: row.id, sessionsEnded: true },
        clientAddress,
        at: now,
      });
      return { ok: true, email: user.email };
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    await db.transaction(async (tx) => {
      const found = await findLink(tx, "password_reset", token, now);
      await recordRefusal(tx, "password_reset", found.row, error.reason, clientAddress, now);
    });
    return { ok: false, refused: error.reason };
  }
}
