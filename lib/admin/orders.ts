// The merchant back office's reads (and its one write, marking a flagged event reviewed). Staff
// see everything the shop knows about an order, including the DOKU exchanges: every caller must
// have passed requireAdmin() first.
import "server-only";
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableName,
  gte,
  inArray,
  isNull,
  lt,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from "drizzle-orm";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import {
  dialect,
  orderItems,
  orders,
  orderStatuses,
  parcels,
  paymentAttempts,
  paymentEvents,
  type AttemptStatus,
  type FulfilmentState,
  type OrderStatus,
} from "@/lib/db/schema";
import { env } from "@/lib/env";
import { addDays, shopDayStart } from "@/lib/format";
import { zoneOffsetMs, type ShopTimeZone } from "@/lib/time-zone";
import type { ActedBy } from "./admin-action";
import { chartRange, PAGE_SIZE, type DayRange, type OrderFilter } from "./filter";

export { orderFilterSchema, parseOrderFilter, PAGE_SIZE, type OrderFilter } from "./filter";

// --------------------------------------------------------------------------- filter ----

// The outer order's id, always qualified: drizzle leaves column names bare in a single-table
// select list, and a bare "id" inside a correlated subquery would mean the inner table's id.
const OUTER_ORDER_ID = sql.raw(`"${getTableName(orders)}"."${orders.id.name}"`);

/** Order references are the first 8 characters of the token, as staff and shoppers quote them. */
const REFERENCE_LENGTH = 8;

// The search finds order ids through indexes and unions them, instead of testing every order:
// at a million orders a condition tried row by row costs seconds (bench/README.md, "The back
// office at scale"). Tables and columns are written out because the subqueries alias `orders`.
const ORDERS = getTableName(orders);
const ATTEMPTS = getTableName(paymentAttempts);
const PARCELS = getTableName(parcels);

/** Orders whose customer email contains `q`, ignoring case. A trigram index proposes candidates
 * (on SQLite the FTS5 table orders_email_search; on PostgreSQL pg_trgm's index, where the server
 * has pg_trgm: drizzle/postgres/0010_back_office_scale.sql), a wildcard in `q` widening them;
 * the exact test then keeps only real matches, so results are the same with or without it. */
function emailContains(q: string): SQL {
  return dialect === "postgresql"
    ? sql`SELECT o2.id FROM ${sql.raw(`"${ORDERS}"`)} o2 WHERE lower(o2.customer_email) LIKE '%' || lower(${q}) || '%' ESCAPE '' AND strpos(lower(o2.customer_email), lower(${q})) > 0`
    : sql`SELECT o2.id FROM ${sql.raw(`"${ORDERS}"`)} o2 WHERE o2.id IN (SELECT rowid FROM orders_email_search WHERE customer_email LIKE '%' || ${q} || '%') AND instr(lower(o2.customer_email), lower(${q})) > 0`;
}

/** Matches an attempt's invoice number, a parcel's tracking number, the order's token (or its 8-character
 * reference), or a substring of the customer's email; all case-insensitive except the token. */
function searchCondition(q: string): SQL {
  const ways: SQL[] = [
    sql`SELECT order_id FROM ${sql.raw(`"${ATTEMPTS}"`)} WHERE lower(invoice_number) = lower(${q})`,
    sql`SELECT o2.id FROM ${sql.raw(`"${ORDERS}"`)} o2 WHERE o2.public_token = ${q}`,
    // A parcel's current tracking number, as staff paste it from the courier (stored upper-cased;
    // parcels_tracking_number makes it an index lookup).
    sql`SELECT order_id FROM ${sql.raw(`"${PARCELS}"`)} WHERE tracking_number = ${q.toUpperCase()}`,
    emailContains(q),
  ];
  if (q.length === REFERENCE_LENGTH) {
    ways.push(
      sql`SELECT o2.id FROM ${sql.raw(`"${ORDERS}"`)} o2 WHERE upper(substr(o2.public_token, 1, ${sql.raw(String(REFERENCE_LENGTH))})) = upper(${q})`,
    );
  }
  return sql`${OUTER_ORDER_ID} IN (${sql.join(ways, sql` UNION `)})`;
}

/** The back office counts days in the shop's zone (SHOP_TIME_ZONE); tests pass another. */
const shopZone = (): ShopTimeZone => env().SHOP_TIME_ZONE;

export function filterConditions(
  filter: OrderFilter,
  options: { status: boolean },
  zone: ShopTimeZone,
): SQL | undefined {
  const where: SQL[] = [];
  if (options.status && filter.status !== "all") where.push(eq(orders.status, filter.status));
  if (filter.fulfilment !== "all") where.push(eq(orders.fulfilment, filter.fulfilment));
  if (filter.from) where.push(gte(orders.createdAt, shopDayStart(filter.from, zone)));
  if (filter.to) where.push(lt(orders.createdAt, shopDayStart(addDays(filter.to, 1), zone)));
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
  /** Derived from the parcels (lib/fulfilment/); null until paid. */
  fulfilment: FulfilmentState | null;
  total: number;
  /** The completed refunds' sum: the row shows it and the net when above 0. */
  refundedTotal: number;
  latestInvoice: string | null;
  latestAttemptStatus: AttemptStatus | null;
  /** Flagged events on this order, reviewed or not. */
  flaggedEvents: number;
  /** Flagged events nobody has marked reviewed yet: the "Needs review" badge. */
  unreviewedFlags: number;
}

export interface OrderList {
  rows: OrderListRow[];
  /** The orders matching, or when `totalCapped`, how many were counted: there are more. */
  total: number;
  /** More orders match than were counted: the list says "10,000+" and offers the next page. */
  totalCapped: boolean;
  page: number;
  pageCount: number;
  pageSize: number;
}

/**
 * The most orders a list counts (or up to its page, when deeper): counting all of a million
 * orders on every page load cost more than the rest of the list (bench/README.md).
 */
export const COUNT_CAP = 10_000;

/** Pages of a list counted up to `counted`, capped or not: a capped list has one page more than
 * it counted, so every order stays a "next" away. */
export function pagesOf(
  page: number,
  counted: number,
): Pick<OrderList, "total" | "totalCapped" | "pageCount"> {
  const limit = Math.max(COUNT_CAP, page * PAGE_SIZE);
  const totalCapped = counted > limit;
  const total = Math.min(counted, limit);
  return {
    total,
    totalCapped,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE) + (totalCapped ? 1 : 0)),
  };
}

const latestAttempt = <T>(column: SQLWrapper) =>
  sql<T>`(SELECT ${column} FROM ${paymentAttempts} WHERE ${paymentAttempts.orderId} = ${OUTER_ORDER_ID} ORDER BY ${paymentAttempts.id} DESC LIMIT 1)`;

// eq() writes `true` as each dialect stores it (1 on SQLite, a boolean on PostgreSQL); count(*)
// is a bigint on PostgreSQL, read back as a string, hence mapWith(Number).
const flaggedCount = (unreviewedOnly: boolean) =>
  sql<number>`(SELECT count(*) FROM ${paymentEvents} WHERE ${paymentEvents.orderId} = ${OUTER_ORDER_ID} AND ${eq(paymentEvents.flagged, true)}${
    unreviewedOnly ? sql` AND ${paymentEvents.reviewedAt} IS NULL` : sql``
  })`.mapWith(Number);

/** One page (20 rows) of orders matching the filter, newest first. */
export async function listOrders(
  filter: OrderFilter,
  zone: ShopTimeZone = shopZone(),
): Promise<OrderList> {
  const { counted, rows } = await run(async (db) => {
    const where = filterConditions(filter, { status: true }, zone);
    // One row past the cap (or the page) tells that there are more, without counting them all.
    const limit = Math.max(COUNT_CAP, filter.page * PAGE_SIZE) + 1;
    const matching = db
      .select({ one: sql`1`.as("one") })
      .from(orders)
      .where(where)
      .limit(limit)
      .as("matching");
    const [counted] = await db.select({ n: count() }).from(matching);
    // The page's ids first, from an index alone; only its 20 orders then get their attempts and
    // flags (a deep page computed them for every order it skipped: 6 s for page 500 on SQLite).
    const pageIds = db
      .select({ id: orders.id })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(PAGE_SIZE)
      .offset((filter.page - 1) * PAGE_SIZE);
    const rows = await db
      .select({
        id: orders.id,
        token: orders.publicToken,
        createdAt: orders.createdAt,
        firstName: orders.customerFirstName,
        lastName: orders.customerLastName,
        email: orders.customerEmail,
        status: orders.status,
        fulfilment: orders.fulfilment,
        total: orders.total,
        refundedTotal: orders.refundedTotal,
        latestInvoice: latestAttempt<string | null>(paymentAttempts.invoiceNumber),
        latestAttemptStatus: latestAttempt<AttemptStatus | null>(paymentAttempts.status),
        flaggedEvents: flaggedCount(false),
        unreviewedFlags: flaggedCount(true),
      })
      .from(orders)
      .where(inArray(orders.id, pageIds))
      .orderBy(desc(orders.createdAt), desc(orders.id));
    return { counted: counted?.n ?? 0, rows };
  });
  return {
    rows: rows.map(({ firstName, lastName, ...row }) => ({
      ...row,
      customerName: [firstName, lastName].filter(Boolean).join(" "),
    })),
    ...pagesOf(filter.page, counted),
    page: filter.page,
    pageSize: PAGE_SIZE,
  };
}

// -------------------------------------------------------------------- status totals ----

export interface StatusTotal {
  status: OrderStatus;
  count: number;
  sum: number;
  /** Completed refunds of these orders: their net is `sum - refunded`. */
  refunded: number;
}

export interface StatusTotals {
  byStatus: StatusTotal[];
  all: { count: number; sum: number; refunded: number };
}

/** Count and sum(total) per status over the filter's dates and search; the status filter is
 * ignored so that every status shows. Every status is present, zeros included. */
export async function statusTotals(
  filter: OrderFilter,
  zone: ShopTimeZone = shopZone(),
): Promise<StatusTotals> {
  // refunded_total is in the covering indexes (orders_status_created, orders_created_status_total),
  // so these sums read no order rows.
  const found = await run((db) =>
    db
      .select({
        status: orders.status,
        count: count(),
        sum: sql<number>`coalesce(sum(${orders.total}), 0)`.mapWith(Number),
        refunded: sql<number>`coalesce(sum(${orders.refundedTotal}), 0)`.mapWith(Number),
      })
      .from(orders)
      .where(filterConditions(filter, { status: false }, zone))
      .groupBy(orders.status),
  );
  const byStatus = orderStatuses.map((status) => {
    const row = found.find((r) => r.status === status);
    return { status, count: row?.count ?? 0, sum: row?.sum ?? 0, refunded: row?.refunded ?? 0 };
  });
  return {
    byStatus,
    all: {
      count: byStatus.reduce((a, r) => a + r.count, 0),
      sum: byStatus.reduce((a, r) => a + r.sum, 0),
      refunded: byStatus.reduce((a, r) => a + r.refunded, 0),
    },
  };
}

// ---------------------------------------------------------------------- daily chart ----

export interface DailyPoint {
  /** `YYYY-MM-DD`, in the shop's zone. */
  date: string;
  /** Net of orders paid that day: their totals less what has been refunded of them. */
  revenue: number;
  /** The totals of orders paid that day, and what has been refunded of them (revenue = the difference). */
  paid: number;
  refunded: number;
  /** Orders paid that day. */
  paidOrders: number;
  /** Orders created that day. */
  orders: number;
}

export interface DailySeries extends DayRange {
  days: DailyPoint[];
  totalRevenue: number;
  totalPaid: number;
  totalRefunded: number;
  totalPaidOrders: number;
  totalOrders: number;
}

// The shop-zone calendar day of a timestamp column, as days since 1970-01-01: the shop's zones
// have fixed offsets (lib/time-zone.ts), and grouping by a number is cheaper than formatting a
// date on every row (PostgreSQL's to_char with a zone cost 120 ms for a month of a million-order
// shop). No bound parameters, so GROUP BY repeats the select's expression exactly.
const shopDayNumber = (
  column: typeof orders.paidAt | typeof orders.createdAt,
  zone: ShopTimeZone,
) => {
  const offset = sql.raw(String(zoneOffsetMs(zone) / 1000));
  return dialect === "postgresql"
    ? sql<number>`floor((date_part('epoch', ${column}) + ${offset}) / 86400)::int`.mapWith(Number)
    : sql<number>`((${column} / 1000 + ${offset}) / 86400)`.mapWith(Number);
};

/** The day number of a `YYYY-MM-DD` shop day, as shopDayNumber gives it. */
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Paid revenue and new orders per day in the shop's zone over the filter's range (default: the
 * last 14 days), with the filter's search and fulfilment applied, as the list and the cards apply
 * them, and its status ignored; missing days are zeros. */
export async function dailyPaid(
  filter: OrderFilter,
  now: Date = new Date(),
  zone: ShopTimeZone = shopZone(),
): Promise<DailySeries> {
  const range = chartRange(filter, zone, now);
  const start = shopDayStart(range.from, zone);
  const end = shopDayStart(addDays(range.to, 1), zone);

  const paidDay = shopDayNumber(orders.paidAt, zone);
  const createdDay = shopDayNumber(orders.createdAt, zone);
  const { paid, created } = await run(async (db) => {
    const search = filter.q ? searchCondition(filter.q) : undefined;
    const fulfilment =
      filter.fulfilment !== "all" ? eq(orders.fulfilment, filter.fulfilment) : undefined;
    const paidIn = and(gte(orders.paidAt, start), lt(orders.paidAt, end), search, fulfilment);
    const paid = await db
      .select({
        day: paidDay,
        paid: sql<number>`coalesce(sum(${orders.total}), 0)`.mapWith(Number),
        // Refunds counted on the day the order was paid; orders_paid_total covers both sums.
        refunded: sql<number>`coalesce(sum(${orders.refundedTotal}), 0)`.mapWith(Number),
        n: count(),
      })
      .from(orders)
      .where(paidIn)
      .groupBy(paidDay);
    const created = await db
      .select({ day: createdDay, n: count() })
      .from(orders)
      .where(and(gte(orders.createdAt, start), lt(orders.createdAt, end), search, fulfilment))
      .groupBy(createdDay);
    return { paid, created };
  });

  const days: DailyPoint[] = [];
  for (let date = range.from; date <= range.to; date = addDays(date, 1)) {
    const n = dayNumber(date);
    const p = paid.find((r) => r.day === n);
    days.push({
      date,
      revenue: (p?.paid ?? 0) - (p?.refunded ?? 0),
      paid: p?.paid ?? 0,
      refunded: p?.refunded ?? 0,
      paidOrders: p?.n ?? 0,
      orders: created.find((r) => r.day === n)?.n ?? 0,
    });
  }
  return {
    ...range,
    days,
    totalRevenue: days.reduce((a, d) => a + d.revenue, 0),
    totalPaid: days.reduce((a, d) => a + d.paid, 0),
    totalRefunded: days.reduce((a, d) => a + d.refunded, 0),
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

export async function orderDetail(id: number): Promise<OrderDetail | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  return run(async (db) => {
    const [order] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
    if (!order) return null;
    const items = await db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, id))
      .orderBy(asc(orderItems.id));
    const attempts = await db
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
      .orderBy(asc(paymentAttempts.id));
    // Events carry the order id; matching the attempt ids too keeps any row written with only one.
    const attemptIds = attempts.map((a) => a.id);
    const events = await db
      .select()
      .from(paymentEvents)
      .where(
        attemptIds.length
          ? or(eq(paymentEvents.orderId, id), inArray(paymentEvents.attemptId, attemptIds))
          : eq(paymentEvents.orderId, id),
      )
      .orderBy(asc(paymentEvents.createdAt), asc(paymentEvents.id));
    return { order, items, attempts, events };
  });
}

/** The attempt, only if it belongs to that order (ids from a form are never trusted alone). */
export async function findAttemptForOrder(
  orderId: number,
  attemptId: number,
): Promise<{ id: number; invoiceNumber: string } | null> {
  const [attempt] = await run((db) =>
    db
      .select({ id: paymentAttempts.id, invoiceNumber: paymentAttempts.invoiceNumber })
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.orderId, orderId)))
      .limit(1),
  );
  return attempt ?? null;
}

/**
 * One conditional UPDATE: only a flagged, not yet reviewed event of that order changes, and only
 * then is there an activity entry (in the same transaction).
 */
export async function markEventReviewed(
  orderId: number,
  eventId: number,
  by: ActedBy,
  now: Date = new Date(),
): Promise<boolean> {
  return transaction(async (tx) => {
    const changed = await tx
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
      .returning({
        id: paymentEvents.id,
        kind: paymentEvents.kind,
        outcome: paymentEvents.outcome,
      });
    if (changed.length !== 1) return false;
    await recordActivity(tx, {
      actor: by.staff,
      action: "order.event_reviewed",
      subject: { type: "order", id: orderId },
      before: { reviewedAt: null },
      after: {
        eventId,
        kind: changed[0]!.kind,
        outcome: changed[0]!.outcome,
        reviewedAt: now.toISOString(),
      },
      clientAddress: by.clientAddress,
      at: now,
    });
    return true;
  });
}
