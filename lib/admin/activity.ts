// The back office's reads of the activity log: the Activity page (filtered, newest first, a page
// at a time), the people its filter offers (removed ones too, by the name they had), and one
// order's entries for its timeline. Read-only: the log is written by lib/activity/record.ts and
// never changed (a database trigger refuses it).
import "server-only";
import {
  and,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  max,
  type SQL,
} from "drizzle-orm";
import { run } from "@/lib/db/client";
import { accountTokens, activityLog, orders, users } from "@/lib/db/schema";
import type { ActivityAction, ActivitySubject, UserRole } from "@/lib/db/schema/values";
import { env } from "@/lib/env";
import { addDays, orderReference, shopDayStart } from "@/lib/format";
import type { ShopTimeZone } from "@/lib/time-zone";
import { ACTIVITY_PAGE_SIZE, type ActivityFilter } from "./activity-filter";

export interface ActivityRow {
  id: number;
  createdAt: Date;
  actorId: number | null;
  actorName: string | null;
  actorRole: UserRole | null;
  action: ActivityAction;
  subjectType: ActivitySubject | null;
  subjectId: string | null;
  /** An account's or an invitation's email, when the subject is one and it is still known. */
  subjectEmail: string | null;
  /** An order's reference (lib/format.ts orderReference), when the subject is an order. */
  subjectReference: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  clientAddress: string | null;
}

export interface ActivityList {
  rows: ActivityRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

/** Someone the person filter offers: a current account, or a removed one by its recorded name. */
export interface ActivityActor {
  id: number;
  name: string;
  email: string | null;
  removed: boolean;
}

const shopZone = (): ShopTimeZone => env().SHOP_TIME_ZONE;

function conditions(filter: ActivityFilter, zone: ShopTimeZone): SQL | undefined {
  const where: SQL[] = [];
  if (filter.person.kind === "none") where.push(isNull(activityLog.actorId));
  if (filter.person.kind === "id") where.push(eq(activityLog.actorId, filter.person.id));
  if (filter.action) where.push(eq(activityLog.action, filter.action));
  if (filter.from) where.push(gte(activityLog.createdAt, shopDayStart(filter.from, zone)));
  if (filter.to) where.push(lt(activityLog.createdAt, shopDayStart(addDays(filter.to, 1), zone)));
  return where.length ? and(...where) : undefined;
}

type LogRow = typeof activityLog.$inferSelect;

/** The emails of the accounts and invitations, and the orders' references, the rows are about. */
async function withSubjectEmails(rows: LogRow[]): Promise<ActivityRow[]> {
  const ids = (type: ActivitySubject) => [
    ...new Set(
      rows
        .filter((r) => r.subjectType === type && /^\d{1,15}$/.test(r.subjectId ?? ""))
        .map((r) => Number(r.subjectId)),
    ),
  ];
  const accountIds = ids("account");
  const invitationIds = ids("invitation");
  const orderIds = ids("order");
  const [accounts, invitations, orderTokens] = await run(async (db) => [
    accountIds.length
      ? await db
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(inArray(users.id, accountIds))
      : [],
    invitationIds.length
      ? await db
          .select({ id: accountTokens.id, email: accountTokens.email })
          .from(accountTokens)
          .where(inArray(accountTokens.id, invitationIds))
      : [],
    orderIds.length
      ? await db
          .select({ id: orders.id, token: orders.publicToken })
          .from(orders)
          .where(inArray(orders.id, orderIds))
      : [],
  ]);
  const referenceOf = new Map(orderTokens.map((o) => [String(o.id), orderReference(o.token)]));
  const emailOf = {
    account: new Map(accounts.map((a) => [String(a.id), a.email])),
    invitation: new Map(invitations.map((i) => [String(i.id), i.email])),
  };
  return rows.map((row) => ({
    ...row,
    subjectEmail:
      row.subjectType === "account" || row.subjectType === "invitation"
        ? (emailOf[row.subjectType].get(row.subjectId ?? "") ?? null)
        : null,
    subjectReference:
      row.subjectType === "order" ? (referenceOf.get(row.subjectId ?? "") ?? null) : null,
  }));
}

/** One page of entries matching the filter, newest first; days are the shop's. */
export async function listActivity(
  filter: ActivityFilter,
  zone: ShopTimeZone = shopZone(),
): Promise<ActivityList> {
  const where = conditions(filter, zone);
  const { total, rows } = await run(async (db) => {
    const [counted] = await db.select({ n: count() }).from(activityLog).where(where);
    const rows = await db
      .select()
      .from(activityLog)
      .where(where)
      .orderBy(desc(activityLog.createdAt), desc(activityLog.id))
      .limit(ACTIVITY_PAGE_SIZE)
      .offset((filter.page - 1) * ACTIVITY_PAGE_SIZE);
    return { total: counted?.n ?? 0, rows };
  });
  return {
    rows: await withSubjectEmails(rows),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)),
    pageSize: ACTIVITY_PAGE_SIZE,
  };
}

/**
 * Everyone who has an entry, plus every current account: a current account by its name now, a
 * removed one by the last name the log recorded for it. Sorted by name.
 */
export async function activityActors(): Promise<ActivityActor[]> {
  const [logged, current] = await run(async (db) => [
    await db
      .select({
        id: activityLog.actorId,
        name: activityLog.actorName,
        last: max(activityLog.createdAt),
      })
      .from(activityLog)
      .where(isNotNull(activityLog.actorId))
      .groupBy(activityLog.actorId, activityLog.actorName),
    await db.select({ id: users.id, name: users.name, email: users.email }).from(users),
  ]);
  const actors = new Map<number, ActivityActor>(
    current.map((u) => [u.id, { id: u.id, name: u.name, email: u.email, removed: false }]),
  );
  const lastSeen = new Map<number, number>();
  for (const entry of logged) {
    if (entry.id === null || actors.get(entry.id)?.removed === false) continue;
    // max() reads back as a Date on PostgreSQL and as unix ms on SQLite.
    const at = entry.last === null ? 0 : new Date(entry.last as Date | number).getTime();
    if (at < (lastSeen.get(entry.id) ?? -1)) continue;
    lastSeen.set(entry.id, at);
    actors.set(entry.id, {
      id: entry.id,
      name: entry.name ?? `#${entry.id}`,
      email: null,
      removed: true,
    });
  }
  return [...actors.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** The order's entries (subject: this order), oldest first, for its timeline. */
export async function orderActivity(orderId: number): Promise<ActivityRow[]> {
  const rows = await run((db) =>
    db
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.subjectType, "order"), eq(activityLog.subjectId, String(orderId))))
      .orderBy(activityLog.createdAt, activityLog.id),
  );
  return rows.map((row) => ({ ...row, subjectEmail: null, subjectReference: null }));
}
