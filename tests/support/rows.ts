// The rows a payment-core test asserts on, read through the app's own database: the same few
// queries each file in tests/unit/payments would otherwise write again. The schema is passed in,
// because lib/db/schema picks its dialect when first imported, after the file's setTestEnv.
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/connection";

type Schema = typeof import("@/lib/db/schema");

/** `database`: a getter, since test files open theirs in beforeAll. */
export function rowReads(database: () => Database, schema: Schema) {
  const one = async <T>(rows: Promise<T[]>): Promise<T> => (await rows)[0]!;
  const run: Database["run"] = (work) => database().run(work);
  const events = (orderId: number) =>
    run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(eq(schema.paymentEvents.orderId, orderId))
        .orderBy(asc(schema.paymentEvents.id)),
    );
  return {
    product: (slug: string) =>
      one(run((d) => d.select().from(schema.products).where(eq(schema.products.slug, slug)))),
    order: (id: number) =>
      one(run((d) => d.select().from(schema.orders).where(eq(schema.orders.id, id)))),
    ordersByKey: (checkoutKey: string) =>
      run((d) => d.select().from(schema.orders).where(eq(schema.orders.checkoutKey, checkoutKey))),
    attempt: (id: number) =>
      one(
        run((d) =>
          d.select().from(schema.paymentAttempts).where(eq(schema.paymentAttempts.id, id)),
        ),
      ),
    /** An order's attempts, oldest first. */
    attempts: (orderId: number) =>
      run((d) =>
        d
          .select()
          .from(schema.paymentAttempts)
          .where(eq(schema.paymentAttempts.orderId, orderId))
          .orderBy(asc(schema.paymentAttempts.id)),
      ),
    /** An order's payment events, oldest first. */
    events,
    /** The same, each as `kind:outcome`. */
    outcomes: async (orderId: number) =>
      (await events(orderId)).map((e) => `${e.kind}:${e.outcome}`),
    /** Payments the cart started this hour (lib/checkout/attempt-limits.ts). */
    cartAttempts: async (cartId: string | null) =>
      (
        await run((d) =>
          d
            .select()
            .from(schema.rateLimits)
            .where(eq(schema.rateLimits.key, `checkout:cart:${cartId}`)),
        )
      )[0]?.count ?? 0,
  };
}
