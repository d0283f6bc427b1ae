// One payment attempt: build the body from the saved order, call generate-order, record the
// exchange, and activate or reject the attempt — the order is kept whatever DOKU answers.
import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { orderItems, orders, paymentAttempts, products, sellers } from "@/lib/db/schema";
import { doku } from "@/lib/doku";
import type { DokuError } from "@/lib/doku/client";
import { generateOrderRequestSchema, kredivoOrderId, paymentExpiry } from "@/lib/doku/schemas";
import { env } from "@/lib/env";
import { recordExchange } from "@/lib/orders/events";
import { activateAttempt, rejectAttempt, type Tx } from "@/lib/orders/transitions";
import { buildGenerateOrderRequest, type OrderSnapshot } from "./doku-order";

export type StartPaymentResult =
  | { ok: true; paymentUrl: string }
  | { ok: false; orderToken: string; reason: string };

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

export function insertAttempt(tx: Tx, orderId: number, amount: number): number {
  return tx
    .insert(paymentAttempts)
    .values({ orderId, amount, status: "creating", ...newAttemptRefs() })
    .returning({ id: paymentAttempts.id })
    .get().id;
}

/** For the merchant: what went wrong, precisely. The shopper sees `shopperMessage()` instead. */
export function describeDokuError(error: DokuError): string {
  switch (error.kind) {
    case "timeout":
      return `timeout: no answer from DOKU within ${error.timeoutMs} ms`;
    case "network":
      return `network: ${error.message}`;
    case "http":
      return `http_${error.status}: ${error.code ?? "no error code"}${error.message ? ` — ${error.message}` : ""}`;
    case "bad_signature":
      return `bad_signature: DOKU's response signature did not verify (${error.check.problem})`;
    case "bad_response":
      return `bad_response: ${error.issues}`;
    case "payment_failed":
      return "payment_failed: DOKU answered payment.status FAILED";
  }
}

function loadSnapshot(orderId: number): OrderSnapshot {
  const order = db().select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order) throw new Error(`order ${orderId} not found`);
  const items = db()
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
    .orderBy(asc(orderItems.id))
    .all();
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
      ? db().select({ id: sellers.id, name: sellers.name, email: sellers.email, city: sellers.city }).from(sellers).where(inArray(sellers.id, sellerIds)).all()
      : [],
  };
}

export async function startPayment(attemptId: number): Promise<StartPaymentResult> {
  const attempt = db().select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId)).get();
  if (!attempt) throw new Error(`payment attempt ${attemptId} not found`);
  const snapshot = loadSnapshot(attempt.orderId);
  const ref = { id: attempt.id, orderId: attempt.orderId };
  const e = env();

  const body = buildGenerateOrderRequest(snapshot, attempt, {
    appBaseUrl: e.APP_BASE_URL,
    overrideNotificationUrl: e.DOKU_OVERRIDE_NOTIFICATION_URL,
  });
  // Our own bug must not reach DOKU: the body is checked against the contract before sending.
  const valid = generateOrderRequestSchema.safeParse(body);
  if (!valid.success) {
    const reason = `invalid_request: ${valid.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`;
    db().transaction((tx) => rejectAttempt(tx, ref, reason));
    return { ok: false, orderToken: snapshot.publicToken, reason };
  }

  const result = await doku().generateOrder(body, { requestId: attempt.requestId });

  if (!result.ok) {
    const reason = describeDokuError(result.error);
    db().transaction((tx) => {
      recordExchange(tx, {
        kind: "generate_order",
        exchange: result.exchange,
        orderId: attempt.orderId,
        attemptId: attempt.id,
        outcome: `rejected:${result.error.kind}`,
        flagged: result.error.kind === "bad_signature",
      });
      rejectAttempt(tx, ref, reason);
    });
    return { ok: false, orderToken: snapshot.publicToken, reason };
  }

  const { data } = result;
  const expiresAt = paymentExpiry(data.peer_to_peer_info);
  const activated = db().transaction((tx) => {
    const ok = activateAttempt(tx, attempt.id, {
      paymentUrl: data.payment.url!,
      kredivoOrderId: kredivoOrderId(data.peer_to_peer_info),
      expiresAt,
    });
    recordExchange(tx, {
      kind: "generate_order",
      exchange: result.exchange,
      orderId: attempt.orderId,
      attemptId: attempt.id,
      outcome: ok ? "pending" : "ignored:attempt_already_settled",
      // DOKU_RESPONSE_SIGNATURE=report: followed, so the shopper can pay, but a human must look.
      flagged: !result.verified,
    });
    return ok;
  });
  // A notification can overtake our own response; then there is nothing left to pay.
  if (!activated) return { ok: false, orderToken: snapshot.publicToken, reason: "attempt already settled" };
  return { ok: true, paymentUrl: data.payment.url! };
}
