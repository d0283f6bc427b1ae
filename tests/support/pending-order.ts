// A pending order with one pending attempt, inserted directly: the state a notification finds
// after a successful generate-order.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/open";
import * as schema from "@/lib/db/schema";
import { newAttemptRefs } from "@/lib/checkout/start-payment";

export interface PendingOrder {
  orderId: number;
  attemptId: number;
  invoice: string;
  amount: number;
}

export function createPendingOrder(db: Db, amount = 440_000): PendingOrder {
  return db.transaction((tx) => {
    const order = tx
      .insert(schema.orders)
      .values({
        publicToken: randomUUID().replace(/-/g, ""),
        checkoutKey: randomUUID(),
        customerFirstName: "Siti",
        customerEmail: "siti@example.com",
        customerPhone: "6281234567890",
        shippingAddress: { firstName: "Siti", address: "Jl. A", city: "Yogyakarta", postalCode: "55271", phone: "6281234567890", countryCode: "IDN" },
        billingAddress: { firstName: "Siti", address: "Jl. A", city: "Yogyakarta", postalCode: "55271", phone: "6281234567890", countryCode: "IDN" },
        subtotal: amount - 15_000,
        shippingTotal: 15_000,
        total: amount,
      })
      .returning()
      .get();
    const refs = newAttemptRefs();
    const attempt = tx
      .insert(schema.paymentAttempts)
      .values({ orderId: order.id, amount, status: "pending", paymentUrl: "http://kredivo.test/pay", ...refs })
      .returning()
      .get();
    return { orderId: order.id, attemptId: attempt.id, invoice: refs.invoiceNumber, amount };
  });
}
