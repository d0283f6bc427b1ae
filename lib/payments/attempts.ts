// Payment attempts: one per request for a payment URL. An order's newest attempt owns its status;
// a failed or expired order gets a new attempt (and a new invoice number) to pay again.
import { randomBytes, randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { paymentAttempts } from "@/lib/db/schema";

export type Attempt = typeof paymentAttempts.$inferSelect;

/** The one query for "the order's current attempt". */
export async function latestAttempt(tx: Tx, orderId: number): Promise<Attempt | undefined> {
  const [attempt] = await tx
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.orderId, orderId))
    .orderBy(desc(paymentAttempts.id))
    .limit(1);
  return attempt;
}

/** The payment URL to send the shopper back to, while the attempt is open and unexpired. */
export function resumableUrl(attempt: Attempt | undefined, now = new Date()): string | null {
  if (attempt?.status !== "pending" || !attempt.paymentUrl) return null;
  return !attempt.expiresAt || attempt.expiresAt > now ? attempt.paymentUrl : null;
}

/** Invoice numbers are random, not sequential: unique per merchant even across database resets. */
export function newAttemptRefs(now = new Date()) {
  const day = now.toISOString().slice(0, 10).replace(/-/g, "");
  const suffix = randomBytes(8).toString("hex").toUpperCase();
  return {
    invoiceNumber: `INV-${day}-${suffix}`,
    merchantUniqueReference: `MUR-${day}-${suffix}`,
    requestId: randomUUID(),
  };
}

export async function insertAttempt(tx: Tx, orderId: number, amount: number): Promise<number> {
  const [row] = await tx
    .insert(paymentAttempts)
    .values({ orderId, amount, status: "creating", ...newAttemptRefs() })
    .returning({ id: paymentAttempts.id });
  return row!.id;
}
