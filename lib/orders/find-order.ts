// "Find my order": a shopper who lost their order's link gives their email and the order's
// reference (or an invoice number); when both match an order, its link is emailed to the order's
// own address through the outbox. The answer is the same sentence, after the same minimum time
// (FIND_ANSWER_MS, as lib/auth/password-reset.ts does), whether or not an order matched and
// whether or not a limit held, so the form tells nobody which emails or references exist.
import "server-only";
import { and, desc, getTableName, sql, type SQL } from "drizzle-orm";
import { database, type Tx } from "@/lib/db/client";
import { orders, paymentAttempts } from "@/lib/db/schema";
import { countHit } from "@/lib/limits/rate-limits";
import { logLine } from "@/lib/log";
import { queueOrderEmail } from "@/lib/payments/outbox";
import { FIND_ORDER_LIMITS, findOrderKeys } from "./find-limits";
import {
  findOrderProblems,
  findOrderSchema,
  type FindOrderAnswer,
  type FindOrderInput,
} from "./find-order-schema";

/** The least time between a request and its answer, whatever happened meanwhile. */
export const FIND_ANSWER_MS = 1000;

/** What became of a request; only the log learns it, never the person asking. */
export type FindOrderOutcome = "sent" | "no_match" | "limited";

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The form's answer: `{ ok: true }` whatever became of it, returned no earlier than
 * FIND_ANSWER_MS after the request began; field problems only for a malformed form.
 */
export async function answerFindOrder(
  form: Record<string, unknown>,
  clientAddress: string | null,
  clock: Clock = realClock,
): Promise<FindOrderAnswer> {
  const started = clock.now();
  const parsed = findOrderSchema.safeParse(form);
  if (!parsed.success) return { ok: false, problems: findOrderProblems(parsed.error) };
  try {
    await findOrderAndSend(parsed.data, clientAddress, new Date(started));
  } finally {
    // Even a failure answers no sooner: its timing must not tell a match apart either.
    const left = started + FIND_ANSWER_MS - clock.now();
    if (left > 0) await clock.sleep(left);
  }
  return { ok: true };
}

const REFERENCE_LENGTH = 8;
const ORDERS = getTableName(orders);
const ATTEMPTS = getTableName(paymentAttempts);
// Qualified by hand: drizzle leaves column names bare in a one-table select, and a bare "id" in
// the subquery could be read as the inner table's own.
const OUTER_ORDER_ID = sql.raw(`"${ORDERS}"."${orders.id.name}"`);

/**
 * The order the form names: candidates found through indexes only (an attempt's invoice number,
 * unique and written in capitals by lib/payments/attempts.ts; the token's first 8 characters,
 * orders_reference), then the email compared on those few, ignoring case (checkout keeps the
 * address as typed, a phone often capitalises it). No read of every order, at any size.
 */
export function matchingOrder(db: Tx, input: FindOrderInput) {
  const reference = input.reference;
  const candidates: SQL[] = [
    sql`SELECT order_id FROM ${sql.raw(`"${ATTEMPTS}"`)} WHERE invoice_number = ${reference.toUpperCase()}`,
  ];
  if (reference.length === REFERENCE_LENGTH)
    candidates.push(
      sql`SELECT o2.id FROM ${sql.raw(`"${ORDERS}"`)} o2 WHERE upper(substr(o2.public_token, 1, ${sql.raw(String(REFERENCE_LENGTH))})) = upper(${reference})`,
    );
  return db
    .select({ id: orders.id, email: orders.customerEmail })
    .from(orders)
    .where(
      and(
        sql`${OUTER_ORDER_ID} IN (${sql.join(candidates, sql` UNION `)})`,
        sql`lower(${orders.customerEmail}) = ${input.email.toLowerCase()}`,
      ),
    )
    .orderBy(desc(orders.id))
    .limit(1);
}

/**
 * Looks for the order (a read, before any write), then counts the request against the three
 * limits and, within them, queues its link, in one write transaction that holds nothing but
 * those. The same statements run on every path but the insert.
 */
export async function findOrderAndSend(
  input: FindOrderInput,
  clientAddress: string | null,
  now: Date = new Date(),
): Promise<FindOrderOutcome> {
  const keys = findOrderKeys(input.email, clientAddress);
  // Outside the write transaction: on SQLite that one (BEGIN IMMEDIATE) stops every other writer,
  // payments included, for as long as it lasts.
  const [order] = await database().run((db) => matchingOrder(db, input));
  const outcome = await database().transaction(async (tx): Promise<FindOrderOutcome> => {
    const perAddress = await countHit(tx, keys.address, FIND_ORDER_LIMITS.windowMs, now);
    const perClient = keys.client
      ? await countHit(tx, keys.client, FIND_ORDER_LIMITS.windowMs, now)
      : null;
    const perShop = await countHit(tx, keys.shop, FIND_ORDER_LIMITS.windowMs, now);
    const limited =
      perAddress.count > FIND_ORDER_LIMITS.perAddress ||
      (perClient !== null && perClient.count > FIND_ORDER_LIMITS.perClient) ||
      perShop.count > FIND_ORDER_LIMITS.perShop;
    if (limited) return "limited";
    if (!order) return "no_match";
    // No cause: each request may send the link again (within the limits above).
    await queueOrderEmail(tx, {
      orderId: order.id,
      kind: "order_link",
      cause: null,
      recipient: order.email,
      now,
    });
    return "sent";
  });
  logLine({ event: "order.find_requested", outcome, client: clientAddress });
  return outcome;
}
