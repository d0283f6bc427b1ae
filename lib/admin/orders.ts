// The merchant back office's reads (and its one write, marking a flagged event reviewed). Staff
// see everything the shop knows about an order, including the DOKU exchanges: every caller must
// have passed requireAdmin() first.
import "server-only";
import { and, asc, count, desc, eq, exists, getTableName, gte, inArray, isNull, lt, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  orderItems,
  orders,
  orderStatuses,
  paymentAttempts,
  paymentEvents,
  type AttemptStatus,
  type OrderStatus,
} from "@/lib/db/schema";
import { addDays, JAKARTA_OFFSET_SECONDS, jakartaDayStart } from "./dates";
import { chartRange, PAGE_SIZE, type DayRange, type OrderFilter } from "./filter";

export { orderFilterSchema, parseOrderFilter, PAGE_SIZE, type OrderFilter } from "./filter";

// --------------------------------------------------------------------------- filter ----

// The outer order's id, always qualified: drizzle leaves column names bare in a single-table
// select list, and a bare "id" inside a correlated subquery would mean the inner table's id.
const OUTER_ORDER_ID = sql.raw(`"${getTableName(orders)}"."${orders.id.name}"`);

/** Order references are the first 8 characters of the token, as staff and shoppers quote them. */
const REFERENCE_LENGTH = 8;

/** Matches an attempt's invoice number exactly, the order's token exactly (or its 8-character
 * reference), or a substring of the customer's email; all case-insensitive except the token. */
function searchCondition(q: string): SQL {
  const byInvoice = exists(
    db()
      .select({ one: sql`1` })
      .from(paymentAttempts)
      .where(and(sql`${paymentAttempts.orderId} = ${OUTER_ORDER_ID}`, sql`${paymentAttempts.invoiceNumber} = ${q} COLLATE NOCASE`)),
  );
  const conditions: SQL[] = [
    byInvoice,
    eq(orders.publicToken, q),
    sql`instr(lower(${orders.customerEmail}), lower(${q})) > 0`,
  ];
  if (q.length === REFERENCE_LENGTH) {
    conditions.push(sql`upper(substr(${orders.publicToken}, 1, ${REFERENCE_LENGTH})) = upper(${q})`);
  }
  return or(...conditions)!;
}

function filterConditions(filter: OrderFilter, options: { status: boolean }): SQL | undefined {
  const where: SQL[] = [];
  if (options.status && filter.status !== "all") where.push(eq(orders.status, filter.status));
  if (filter.from) where.push(gte(orders.createdAt, jakartaDayStart(filter.from)));
  if (filter.to) where.push(lt(orders.createdAt, jakartaDayStart(addDays(filter.to, 1))));
  if (filter.q) where.push(searchCondition(filter.q));
  return where.length ? and(...where) : undefined;
}

// ---------------------------------------------------------------------- order list ----

export interface OrderListRow {
  id: number;
  token: string;
  createdAt: Date;
  customerName: string;
  email: string;
  status: OrderStatus;
  total: number;
  latestInvoice: string | null;
  latestAttemptStatus: AttemptStatus | null;
  /** Flagged events on this order, reviewed or not. */
  flaggedEvents: number;
  /** Flagged events nobody has marked reviewed yet: the "Needs review" badge. */
  unreviewedFlags: number;
}

export interface OrderList {
  rows: OrderListRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

const latestAttempt = <T>(column: SQLWrapper) =>
  sql<T>`(SELECT ${column} FROM ${paymentAttempts} WHERE ${paymentAttempts.orderId} = ${OUTER_ORDER_ID} ORDER BY ${paymentAttempts.id} DESC LIMIT 1)`;

const flaggedCount = (unreviewedOnly: boolean) =>
  sql<number>`(SELECT count(*) FROM ${paymentEvents} WHERE ${paymentEvents.orderId} = ${OUTER_ORDER_ID} AND ${paymentEvents.flagged} = 1${
    unreviewedOnly ? sql` AND ${paymentEvents.reviewedAt} IS NULL` : sql``
  })`.mapWith(Number);

/** One page (20 rows) of orders matching the filter, newest first. */
export function listOrders(filter: OrderFilter): OrderList {
  const where = filterConditions(filter, { status: true });
  const total = db().select({ n: count() }).from(orders).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const rows = db()
    .select({
      id: orders.id,
      token: orders.publicToken,
      createdAt: orders.createdAt,
      firstName: orders.customerFirstName,
      lastName: orders.customerLastName,
      email: orders.customerEmail,
      status: orders.status,
      total: orders.total,
      latestInvoice: latestAttempt<string | null>(paymentAttempts.invoiceNumber),
      latestAttemptStatus: latestAttempt<AttemptStatus | null>(paymentAttempts.status),
      flaggedEvents: flaggedCount(false),
      unreviewedFlags: flaggedCount(true),
    })
    .from(orders)
    .where(where)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .all();
  return {
    rows: rows.map(({ firstName, lastName, ...row }) => ({ ...row, customerName: [firstName, lastName].filter(Boolean).join(" ") })),
    total,
    page: filter.page,
    pageCount,
    pageSize: PAGE_SIZE,
  };
}

// -------------------------------------------------------------------- status totals ----

export interface StatusTotal {
  status: OrderStatus;
  count: number;
  sum: number;
}

export interface StatusTotals {
  byStatus: StatusTotal[];
  all: { count: number; sum: number };
}

/** Count and sum(total) per status over the filter's dates and search; the status filter is
 * ignored so that every status shows. Every status is present, zeros included. */
export function statusTotals(filter: OrderFilter): StatusTotals {
  const found = db()
    .select({
      status: orders.status,
      count: count(),
      sum: sql<number>`coalesce(sum(${orders.total}), 0)`.mapWith(Number),
    })
    .from(orders)
    .where(filterConditions(filter, { status: false }))
    .groupBy(orders.status)
    .all();
  const byStatus = orderStatuses.map((status) => {
    const row = found.find((r) => r.status === status);
    return { status, count: row?.count ?? 0, sum: row?.sum ?? 0 };
  });
  return {
    byStatus,
    all: { count: byStatus.reduce((a, r) => a + r.count, 0), sum: byStatus.reduce((a, r) => a + r.sum, 0) },
  };
}

// ---------------------------------------------------------------------- daily chart ----

export interface DailyPoint {
  /** `YYYY-MM-DD`, Jakarta time. */
  date: string;
  /** Sum of totals of orders paid that day. */
  revenue: number;
  /** Orders paid that day. */
  paidOrders: number;
  /** Orders created that day. */
  orders: number;
}

export interface DailySeries extends DayRange {
  days: DailyPoint[];
  totalRevenue: number;
  totalPaidOrders: number;
  totalOrders: number;
}

const jakartaDate = (column: typeof orders.paidAt | typeof orders.createdAt) =>
  sql<string>`date(${column} / 1000 + ${sql.raw(String(JAKARTA_OFFSET_SECONDS))}, 'unixepoch')`;

/** Paid revenue and new orders per Jakarta day over the filter's range (default: the last 14
 * days), with the filter's search applied and its status ignored; missing days are zeros. */
export function dailyPaid(filter: OrderFilter, now: Date = new Date()): DailySeries {
  const range = chartRange(filter, now);
  const start = jakartaDayStart(range.from);
  const end = jakartaDayStart(addDays(range.to, 1));
  const search = filter.q ? searchCondition(filter.q) : undefined;

  const paidDay = jakartaDate(orders.paidAt);
  const paid = db()
    .select({ day: paidDay, revenue: sql<number>`coalesce(sum(${orders.total}), 0)`.mapWith(Number), n: count() })
    .from(orders)
    .where(and(gte(orders.paidAt, start), lt(orders.paidAt, end), search))
    .groupBy(paidDay)
    .all();
  const createdDay = jakartaDate(orders.createdAt);
  const created = db()
    .select({ day: createdDay, n: count() })
    .from(orders)
    .where(and(gte(orders.createdAt, start), lt(orders.createdAt, end), search))
    .groupBy(createdDay)
    .all();

  const days: DailyPoint[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const p = paid.find((r) => r.day === date);
    days.push({ date, revenue: p?.revenue ?? 0, paidOrders: p?.n ?? 0, orders: created.find((r) => r.day === date)?.n ?? 0 });
  }
  return {
    ...range,
    days,
    totalRevenue: days.reduce((a, d) => a + d.revenue, 0),
    totalPaidOrders: days.reduce((a, d) => a + d.paidOrders, 0),
    totalOrders: days.reduce((a, d) => a + d.orders, 0),
  };
}

// -------------------------------------------------------------------------- detail ----

export type AdminOrder = typeof orders.$inferSelect;
export type AdminOrderItem = typeof orderItems.$inferSelect;
export type AdminAttempt = Pick<
  typeof paymentAttempts.$inferSelect,
  | "id"
  | "invoiceNumber"
  | "requestId"
  | "merchantUniqueReference"
  | "kredivoOrderId"
  | "amount"
  | "status"
  | "paymentUrl"
  | "expiresAt"
  | "failureReason"
  | "createdAt"
  | "lastCheckedAt"
  | "settledAt"
>;
export type AdminEvent = typeof paymentEvents.$inferSelect;

export interface OrderDetail {
  order: AdminOrder;
  items: AdminOrderItem[];
  /** Oldest first. */
  attempts: AdminAttempt[];
  /** Every exchange for the order, oldest first. */
  events: AdminEvent[];
}

export function orderDetail(id: number): OrderDetail | null {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const order = db().select().from(orders).where(eq(orders.id, id)).get();
  if (!order) return null;
  const items = db().select().from(orderItems).where(eq(orderItems.orderId, id)).orderBy(asc(orderItems.id)).all();
  const attempts = db()
    .select({
      id: paymentAttempts.id,
      invoiceNumber: paymentAttempts.invoiceNumber,
      requestId: paymentAttempts.requestId,
      merchantUniqueReference: paymentAttempts.merchantUniqueReference,
      kredivoOrderId: paymentAttempts.kredivoOrderId,
      amount: paymentAttempts.amount,
      status: paymentAttempts.status,
      paymentUrl: paymentAttempts.paymentUrl,
      expiresAt: paymentAttempts.expiresAt,
      failureReason: paymentAttempts.failureReason,
      createdAt: paymentAttempts.createdAt,
      lastCheckedAt: paymentAttempts.lastCheckedAt,
      settledAt: paymentAttempts.settledAt,
    })
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, id))
    .orderBy(asc(paymentAttempts.id))
    .all();
  // Events carry the order id; matching the attempt ids too keeps any row written with only one.
  const attemptIds = attempts.map((a) => a.id);
  const events = db()
    .select()
    .from(paymentEvents)
    .where(attemptIds.length ? or(eq(paymentEvents.orderId, id), inArray(paymentEvents.attemptId, attemptIds)) : eq(paymentEvents.orderId, id))
    .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id))
    .all();
  return { order, items, attempts, events };
}

/** The attempt, only if it belongs to that order (ids from a form are never trusted alone). */
export function findAttemptForOrder(orderId: number, attemptId: number): { id: number; invoiceNumber: string } | null {
  return (
    db()
      .select({ id: paymentAttempts.id, invoiceNumber: paymentAttempts.invoiceNumber })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.orderId, orderId)))
      .get() ?? null
  );
}

/** One conditional UPDATE: only a flagged, not yet reviewed event of that order changes. */
export function markEventReviewed(orderId: number, eventId: number, now: Date = new Date()): boolean {
  return (
    db()
      .update(paymentEvents)
      .set({ reviewedAt: now })
      .where(
        and(
          eq(paymentEvents.id, eventId),
          eq(paymentEvents.orderId, orderId),
          eq(paymentEvents.flagged, true),
          isNull(paymentEvents.reviewedAt),
        ),
      )
      .run().changes === 1
  );
}
