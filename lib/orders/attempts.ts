// The newest payment attempt of an order, and whether its Kredivo link can still be used.
import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentAttempts } from "@/lib/db/schema";

export type Attempt = typeof paymentAttempts.$inferSelect;

export function latestAttempt(orderId: number): Attempt | undefined {
  return db().select().from(paymentAttempts).where(eq(paymentAttempts.orderId, orderId)).orderBy(desc(paymentAttempts.id)).get();
}

/** The Kredivo URL to send the shopper back to, while the attempt is open and unexpired. */
export function resumableUrl(attempt: Attempt | undefined, now = new Date()): string | null {
  if (attempt?.status !== "pending" || !attempt.paymentUrl) return null;
  return !attempt.expiresAt || attempt.expiresAt > now ? attempt.paymentUrl : null;
}
