// Notification ingest: pending orders with one pending attempt each, inserted directly (the state
// a successful checkout leaves); for each attempt one SUCCESS notification, signed the way the
// DOKU sandbox signs the ones it sends (sandbox/notifications.ts); and the database check that
// follows the load: every attempt paid exactly once, every notification recorded.
import { randomBytes, randomUUID } from "node:crypto";
import { and, count, countDistinct, eq, isNotNull } from "drizzle-orm";
import { priceCart, type PricingProduct } from "@/lib/cart/pricing";
import { orderItemRows } from "@/lib/checkout/order-items";
import type { Database } from "@/lib/db/connection";
import {
  orderItems,
  orders,
  paymentAttempts,
  paymentEvents,
  products,
  sellers,
  type PostalAddress,
} from "@/lib/db/schema";
import { dokuTimestamp } from "@/lib/doku/signature";
import { newAttemptRefs } from "@/lib/payments/attempts";
import { signNotification, transactionEnvelope } from "@/sandbox/notifications";
import type { SandboxOrder } from "@/sandbox/state";
import type { BenchRequest } from "./load";
import { DOKU } from "./servers";
import { NOTIFICATION_PATH } from "./workspace";

export interface Check {
  ok: boolean;
  summary: string;
  problems: string[];
}

type Attempt = Pick<
  SandboxOrder,
  "invoiceNumber" | "amount" | "requestId" | "merchantUniqueReference" | "kredivoOrderId"
>;

export async function activeCatalogue(database: Database): Promise<PricingProduct[]> {
  return database.run((db) =>
    db
      .select({
        id: products.id,
        slug: products.slug,
        sku: products.sku,
        name: products.name,
        price: products.price,
        type: products.type,
        category: products.category,
        imagePath: products.imagePath,
        seller: { id: sellers.id, name: sellers.name, shippingFee: sellers.shippingFee },
      })
      .from(products)
      .innerJoin(sellers, eq(sellers.id, products.sellerId))
      .where(eq(products.active, true)),
  );
}

/** 1–3 distinct products, 1–2 of each. */
export function randomLines(
  catalogue: PricingProduct[],
): { product: PricingProduct; quantity: number }[] {
  const chosen = [...catalogue]
    .sort(() => Math.random() - 0.5)
    .slice(0, 1 + Math.floor(Math.random() * 3));
  return chosen.map((product) => ({ product, quantity: 1 + Math.floor(Math.random() * 2) }));
}

const CHUNK = 250;
const address: PostalAddress = {
  firstName: "Siti",
  lastName: "Rahayu",
  address: "Jl. Malioboro No. 12",
  city: "Yogyakarta",
  postalCode: "55271",
  phone: "6281234567890",
  countryCode: "IDN",
};

/** `count` pending orders (with their items) and one pending attempt each, in one transaction. */
export async function createPendingAttempts(database: Database, count: number): Promise<Attempt[]> {
  const catalogue = await activeCatalogue(database);
  const now = new Date();
  const created: Attempt[] = [];
  await database.transaction(async (tx) => {
    for (let start = 0; start < count; start += CHUNK) {
      const carts = Array.from({ length: Math.min(CHUNK, count - start) }, () =>
        priceCart(randomLines(catalogue)),
      );
      const rows = carts.map((cart, i) => ({
        publicToken: randomBytes(24).toString("base64url"),
        checkoutKey: randomUUID(),
        customerFirstName: address.firstName,
        customerLastName: address.lastName,
        customerEmail: `siti.${start + i}@example.id`,
        customerPhone: address.phone,
        shippingAddress: address,
        billingAddress: address,
        subtotal: cart.subtotal,
        shippingTotal: cart.shippingTotal,
        total: cart.total,
      }));
      const inserted = await tx
        .insert(orders)
        .values(rows)
        .returning({ id: orders.id, checkoutKey: orders.checkoutKey });
      const idOf = new Map(inserted.map((r) => [r.checkoutKey, r.id]));
      const orderIds = rows.map((r) => idOf.get(r.checkoutKey)!);
      await tx
        .insert(orderItems)
        .values(carts.flatMap((cart, i) => orderItemRows(orderIds[i]!, cart)));
      const attempts = carts.map((cart, i) => ({
        orderId: orderIds[i]!,
        amount: cart.total,
        status: "pending" as const,
        paymentUrl: "http://127.0.0.1:9/kredivo/bench",
        kredivoOrderId: `KRD-${randomBytes(6).toString("hex")}`,
        expiresAt: new Date(now.getTime() + 24 * 3_600_000),
        ...newAttemptRefs(now),
      }));
      await tx.insert(paymentAttempts).values(attempts);
      created.push(...attempts);
    }
  });
  // Our bulk insert is not the server's work: SQLite copies it out of the WAL now, PostgreSQL
  // gets its statistics now, so no measured round pays for either.
  if (database.driver.dialect === "sqlite")
    database.driver.client.pragma("wal_checkpoint(TRUNCATE)");
  else await database.driver.client.query("ANALYZE");
  return created;
}

/** DOKU's SUCCESS notification for one attempt: the sandbox's envelope, signed over its bytes. */
export function signedSuccess(attempt: Attempt): BenchRequest {
  const body = JSON.stringify(transactionEnvelope(attempt as SandboxOrder, "SUCCESS", new Date()));
  const requestId = randomUUID();
  const timestamp = dokuTimestamp();
  const signature = signNotification(
    {
      clientId: DOKU.clientId,
      requestId,
      timestamp,
      url: `http://localhost${NOTIFICATION_PATH}`,
      body,
    },
    DOKU.secretKey,
  );
  return {
    headers: {
      "Content-Type": "application/json",
      "Client-Id": DOKU.clientId,
      "Request-Id": requestId,
      "Request-Timestamp": timestamp,
      Signature: signature,
    },
    body: Buffer.from(body),
  };
}

/**
 * After the load, with nothing else written meanwhile: each of the `attempts` attempts and its
 * order paid, one notification event per request sent (its Request-Id, outcome `paid`, HTTP 200),
 * and one `paid` event per attempt.
 */
export async function verifyIngest(
  database: Database,
  attempts: number,
  sent: BenchRequest[],
): Promise<Check> {
  const problems: string[] = [];
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) problems.push(`${what}: ${got}, expected ${want}`);
  };
  const notification = eq(paymentEvents.kind, "notification");
  const paidEvent = and(
    notification,
    eq(paymentEvents.outcome, "paid"),
    eq(paymentEvents.httpStatus, 200),
    eq(paymentEvents.inboxKey, paymentEvents.requestId),
  );
  await database.run(async (db) => {
    const one = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
    expect("attempts", await one(db.select({ n: count() }).from(paymentAttempts)), attempts);
    expect(
      "paid attempts",
      await one(
        db
          .select({ n: count() })
          .from(paymentAttempts)
          .where(and(eq(paymentAttempts.status, "paid"), isNotNull(paymentAttempts.settledAt))),
      ),
      attempts,
    );
    expect(
      "paid orders",
      await one(
        db
          .select({ n: count() })
          .from(orders)
          .where(and(eq(orders.status, "paid"), isNotNull(orders.paidAt))),
      ),
      attempts,
    );
    expect(
      "notification events",
      await one(db.select({ n: count() }).from(paymentEvents).where(notification)),
      sent.length,
    );
    expect(
      "paid events",
      await one(db.select({ n: count() }).from(paymentEvents).where(paidEvent)),
      sent.length,
    );
    expect(
      "attempts with a paid event",
      await one(
        db
          .select({ n: countDistinct(paymentEvents.attemptId) })
          .from(paymentEvents)
          .where(paidEvent),
      ),
      attempts,
    );
    const recorded = new Set(
      (
        await db.select({ id: paymentEvents.requestId }).from(paymentEvents).where(notification)
      ).map((r) => r.id),
    );
    expect(
      "requests sent but not recorded",
      sent.filter((r) => !recorded.has(r.headers["Request-Id"]!)).length,
      0,
    );
    if (problems.length) {
      const outcomes = await db
        .select({ outcome: paymentEvents.outcome, status: paymentEvents.httpStatus, n: count() })
        .from(paymentEvents)
        .where(notification)
        .groupBy(paymentEvents.outcome, paymentEvents.httpStatus);
      problems.push(
        `outcomes: ${outcomes.map((o) => `${o.outcome}/${o.status} ×${o.n}`).join(", ")}`,
      );
    }
  });
  return {
    ok: problems.length === 0,
    summary: `${attempts} attempts paid once each, ${sent.length} notifications recorded`,
    problems,
  };
}
