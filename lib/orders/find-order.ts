// "Find my order": a shopper who lost their order's link gives their email and the order's
// reference (or an invoice number); when both match an order, its link is emailed to the order's
// own address through the outbox. The answer is the same sentence, after the same minimum time
// (FIND_ANSWER_MS, as lib/auth/password-reset.ts does), whether or not an order matched and
// whether or not a limit held, so the form tells nobody which emails or references exist.
import "server-only";
import { and, desc, eq, exists, getTableName, or, sql } from "drizzle-orm";
import { database } from "@/lib/db/client";
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
// Qualified by hand: drizzle leaves column names bare in a one-table select, and a bare "id" in
// the correlated subquery would be the attempt's own.
const OUTER_ORDER_ID = sql.raw(`"${getTableName(orders)}"."${orders.id.name}"`);

/**
 * Counts the request against the three limits, looks for the order (the email ignoring case; the reference as the token's first 8 characters or an attempt's invoice number), and
 * within the limits queues its link. The same statements run on every path but the insert.
 */
export async function findOrderAndSend(
  input: FindOrderInput,
  clientAddress: string | null,
  now: Date = new Date(),
): Promise<FindOrderOutcome> {
  const keys = findOrderKeys(input.email, clientAddress);
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
    const reference = input.reference;
    const byInvoice = exists(
      tx
        .select({ one: sql`1` })
        .from(paymentAttempts)
        .where(
          and(
            sql`${paymentAttempts.orderId} = ${OUTER_ORDER_ID}`,
            // Invoice numbers are written in capitals (lib/payments/attempts.ts): the unique index.
            eq(paymentAttempts.invoiceNumber, reference.toUpperCase()),
          ),
        ),
    );
    const byReference =
      reference.length === REFERENCE_LENGTH
        ? sql`upper(substr(${orders.publicToken}, 1, ${sql.raw(String(REFERENCE_LENGTH))})) = upper(${reference})`
        : undefined;
    // Ignoring case (checkout keeps the address as typed, a phone often capitalises it). lower()
    // reads past the orders_email index; the shop-wide limit bounds how often (FIND_ORDER_LIMITS).
    const emailMatches = sql`lower(${orders.customerEmail}) = ${input.email.toLowerCase()}`;
    const [order] = await tx
      .select({ id: orders.id, email: orders.customerEmail })
      .from(orders)
      .where(and(emailMatches, byReference ? or(byReference, byInvoice) : byInvoice))
      .orderBy(desc(orders.id))
      .limit(1);
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
