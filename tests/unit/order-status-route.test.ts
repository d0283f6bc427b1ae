// app/api/orders/[token]/status/route.ts called as Next calls it: the order page's poll learns the
// status, only the status, and nothing about a token that is not an order's.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { migratedAndSeeded, setTestEnv } from "../support/app-db";
import { createPendingOrder } from "../support/pending-order";

setTestEnv();
const { GET } = await import("@/app/api/orders/[token]/status/route");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

const ask = (token: string) =>
  GET(new Request(`http://localhost:3000/api/orders/${token}/status`), {
    params: Promise.resolve({ token }),
  });

describe("GET /api/orders/<token>/status", () => {
  it("answers the order's status and nothing else, never cached, and follows it when it changes", async () => {
    const { orderId } = await createPendingOrder(db);
    const [order] = await db.run((d) =>
      d.select().from(schema.orders).where(eq(schema.orders.id, orderId)),
    );
    const first = await ask(order!.publicToken);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toEqual({ status: "pending" });

    await db.run((d) =>
      d
        .update(schema.orders)
        .set({ status: "paid", paidAt: new Date() })
        .where(eq(schema.orders.id, orderId)),
    );
    expect(await (await ask(order!.publicToken)).json()).toEqual({ status: "paid" });
  });

  it("is a 404 for a token no order has, and for one that cannot be a token", async () => {
    for (const token of ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "../../admin"]) {
      const response = await ask(token);
      expect(response.status, token).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: "No order has this token." });
    }
  });
});
