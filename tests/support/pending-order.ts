// A pending order with one pending attempt, inserted directly: the state a notification finds
// after a successful generate-order.
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/connection";
import * as schema from "@/lib/db/schema";
import { newAttemptRefs } from "@/lib/payments/attempts";

export interface PendingOrder {
  orderId: number;
  attemptId: number;
  invoice: string;
  amount: number;
}

export function createPendingOrder(db: Database, amount = 440_000): Promise<PendingOrder> {
  return db.transaction(async (tx) => {
    const address = {
      firstName: "Siti",
      address: "Jl. A",
      city: "Yogyakarta",
      postalCode: "55271",
      phone: "6281234567890",
      countryCode: "IDN" as const,
    };
    const [order] = await tx
      .insert(schema.orders)
      .values({
        publicToken: randomUUID().replace(/-/g, ""),
        checkoutKey: randomUUID(),
        customerFirstName: "Siti",
        customerEmail: "siti@example.com",
        customerPhone: "6281234567890",
        shippingAddress: address,
        billingAddress: address,
        subtotal: amount - 15_000,
        shippingTotal: 15_000,
        total: amount,
      })
      .returning();
    const refs = newAttemptRefs();
    const [attempt] = await tx
      .insert(schema.paymentAttempts)
      .values({
        orderId: order!.id,
        amount,
        status: "pending",
        paymentUrl: "http://kredivo.test/pay",
        ...refs,
      })
      .returning();
    return { orderId: order!.id, attemptId: attempt!.id, invoice: refs.invoiceNumber, amount };
  });
}
