// One payment attempt: build the snapshot from the saved order, ask the provider for a payment
// URL, record the exchange, and activate or reject the attempt — the order is kept whatever the
// provider answers.
import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { paymentProvider } from "@/lib/channels";
import { run, transaction, type Tx } from "@/lib/db/client";
import { orderItems, orders, paymentAttempts, products, sellers } from "@/lib/db/schema";
import { annotate } from "@/lib/observability/tracing";
import { recordExchange } from "./audit-log";
import type { OrderSnapshot } from "./provider";
import { activateAttempt, rejectAttempt } from "./transitions";

export type StartPaymentResult =
  { ok: true; paymentUrl: string } | { ok: false; orderToken: string; reason: string };

async function loadSnapshot(db: Tx, orderId: number): Promise<OrderSnapshot> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new Error(`order ${orderId} not found`);
  const items = await db
    .select({
      kind: orderItems.kind,
      sku: orderItems.sku,
      name: orderItems.name,
      itemType: orderItems.itemType,
      unitPrice: orderItems.unitPrice,
      quantity: orderItems.quantity,
      sellerId: orderItems.sellerId,
      productSlug: products.slug,
      imagePath: products.imagePath,
    })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.id));
  const sellerIds = [...new Set(items.flatMap((i) => (i.sellerId ? [i.sellerId] : [])))];
  return {
    publicToken: order.publicToken,
    customer: {
      firstName: order.customerFirstName,
      lastName: order.customerLastName,
      email: order.customerEmail,
      phone: order.customerPhone,
    },
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
    total: order.total,
    items,
    sellers: sellerIds.length
      ? await db
          .select({ id: sellers.id, name: sellers.name, email: sellers.email, city: sellers.city })
          .from(sellers)
          .where(inArray(sellers.id, sellerIds))
      : [],
  };
}

export async function startPayment(attemptId: number): Promise<StartPaymentResult> {
  const { attempt, snapshot } = await run(async (db) => {
    const [attempt] = await db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, attemptId));
    if (!attempt) throw new Error(`payment attempt ${attemptId} not found`);
    return { attempt, snapshot: await loadSnapshot(db, attempt.orderId) };
  });
  const ids = { orderId: attempt.orderId, attemptId: attempt.id };
  annotate({ "payment.invoice": attempt.invoiceNumber, "order.id": attempt.orderId });

  const answer = await paymentProvider().startPayment(snapshot, attempt);

  if (!answer.ok) {
    await transaction(async (tx) => {
      // The attempt, order and stock first, the audit row (and the alert locks it takes) last:
      // the lock order of every payment transaction (lib/alerts/raise.ts).
      await rejectAttempt(tx, { id: attempt.id, orderId: attempt.orderId }, answer.reason);
      if (answer.exchange) {
        await recordExchange(tx, {
          kind: "generate_order",
          exchange: answer.exchange,
          ...ids,
          outcome: `rejected:${answer.kind}`,
          effect: "payment_not_started",
          flagged: answer.kind === "bad_signature",
        });
      }
    });
    return { ok: false, orderToken: snapshot.publicToken, reason: answer.reason };
  }

  const { paymentUrl, providerRef, expiresAt } = answer.value;
  const activated = await transaction(async (tx) => {
    const ok = await activateAttempt(tx, attempt.id, {
      paymentUrl,
      kredivoOrderId: providerRef,
      expiresAt,
    });
    await recordExchange(tx, {
      kind: "generate_order",
      exchange: answer.exchange,
      ...ids,
      outcome: ok ? "pending" : "ignored:attempt_already_settled",
      effect: ok ? "payment_started" : null,
      // DOKU_RESPONSE_SIGNATURE=report: followed, so the shopper can pay, but a human must look.
      flagged: !answer.verified,
    });
    return ok;
  });
  // A notification can overtake our own response; then there is nothing left to pay.
  if (!activated)
    return { ok: false, orderToken: snapshot.publicToken, reason: "attempt already settled" };
  return { ok: true, paymentUrl };
}
