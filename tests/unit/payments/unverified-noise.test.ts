// What an unauthenticated request can make the app store: bounded per request, pruned by age and
// count, and never at the cost of the inbox or of anything DOKU signed.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, isNull, not, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dokuTimestamp } from "@/lib/doku/signature";
import { migratedAndSeeded, setTestEnv, TEST_DOKU } from "../../support/app-db";
import { createPendingOrder } from "../../support/pending-order";
import { signedHeaders, signedNotification } from "../../support/signed-notification";

setTestEnv();
const { receiveNotification, MAX_UNVERIFIED_BODY_BYTES } =
  await import("@/lib/payments/notifications");
const { pruneNoise } = await import("@/lib/payments/prune-noise");
const { clientAddress } = await import("@/lib/limits/client-address");
const schema = await import("@/lib/db/schema");
let db: Awaited<ReturnType<typeof migratedAndSeeded>>;

beforeAll(async () => {
  db = await migratedAndSeeded();
});

const meta = { url: TEST_DOKU.notificationPath };

function junk(bytes: number, headers: Record<string, string> = {}) {
  const body = randomBytes(bytes / 2).toString("hex");
  return {
    body: Buffer.from(body),
    headers: new Headers({
      "Client-Id": TEST_DOKU.clientId,
      "Request-Id": randomUUID(),
      "Request-Timestamp": dokuTimestamp(),
      Signature: "HMACSHA256=forged",
      ...headers,
    }),
  };
}

const signed = (order: { invoice: string; amount: number }) => signedNotification(order, "SUCCESS");
const deliver = (n: { body: Buffer; headers: Headers }, receivedAt?: Date) =>
  receiveNotification(n.body, n.headers, { ...meta, receivedAt });

const eventsByRequestId = (requestId: string) =>
  db.run((d) =>
    d
      .select()
      .from(schema.paymentEvents)
      .where(eq(schema.paymentEvents.requestId, requestId))
      .orderBy(asc(schema.paymentEvents.id)),
  );

describe("@faults unverified notifications", () => {
  it("keep only headers, size, hash and the first bytes; a verified one keeps its body whole", async () => {
    const forged = junk(60_000, { "Request-Id": `r-${"x".repeat(5000)}` });
    // Refused for its over-long Request-Id before the signature is even checked; stored bounded all the same.
    expect((await deliver(forged)).status).toBe(400);
    const [row] = await db.run((d) =>
      d
        .select()
        .from(schema.paymentEvents)
        .where(eq(schema.paymentEvents.signatureValid, false))
        .orderBy(desc(schema.paymentEvents.id))
        .limit(1),
    );
    expect(row!.requestBodyBytes).toBe(60_000);
    expect(row!.requestBodySha256).toBe(createHash("sha256").update(forged.body).digest("hex"));
    expect(row!.requestBody).toBe(forged.body.subarray(0, MAX_UNVERIFIED_BODY_BYTES).toString());
    expect(row!.requestId!.length).toBeLessThanOrEqual(129);
    expect(JSON.stringify(row!.requestHeaders).length).toBeLessThan(700);
    const stored =
      Buffer.byteLength(row!.requestBody!) +
      JSON.stringify(row!.requestHeaders).length +
      row!.requestId!.length +
      64;
    expect(stored).toBeLessThan(1_500);

    const order = await createPendingOrder(db);
    const genuine = signed(order);
    expect((await deliver(genuine)).status).toBe(200);
    const [kept] = await eventsByRequestId(genuine.requestId);
    expect(kept!.requestBody).toBe(genuine.body.toString());
    expect(kept!.requestBodyBytes).toBe(genuine.body.byteLength);
    expect(kept!.inboxKey).toBe(genuine.requestId);
  });

  it("are pruned by age and past a cap, never the inbox, flagged rows or our own calls", async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const order = await createPendingOrder(db);
    const genuine = signed(order);
    expect((await deliver(genuine, ago(30 * 86_400_000))).status).toBe(200);
    // A valid signature on a malformed body is flagged for a human: kept whatever its age.
    const flaggedBody = "not json";
    expect(
      (
        await deliver(
          { body: Buffer.from(flaggedBody), headers: signedHeaders(flaggedBody).headers },
          ago(30 * 86_400_000),
        )
      ).status,
    ).toBe(400);
    for (let i = 0; i < 5; i++) await deliver(junk(100), ago(8 * 86_400_000));
    for (let i = 0; i < 30; i++) await deliver(junk(100), ago((30 - i) * 1000));

    const rows = async (where: SQL) =>
      (await db.run((d) => d.select({ n: count() }).from(schema.paymentEvents).where(where)))[0]!.n;
    const e = schema.paymentEvents;
    const noise = and(eq(e.signatureValid, false), isNull(e.inboxKey), eq(e.flagged, false))!;
    const before = await rows(noise);
    const others = await rows(not(noise));
    expect(before).toBeGreaterThanOrEqual(35);

    const report = await pruneNoise(now, { maxRows: 10 });
    expect(report.noise).toBe(before - 10);
    expect(await rows(noise)).toBe(10);
    expect(await rows(not(noise))).toBe(others);
    expect(await eventsByRequestId(genuine.requestId)).toHaveLength(1);
    // The newest noise is what stays.
    const newest = await db.run((d) => d.select().from(e).where(noise));
    expect(Math.min(...newest.map((row) => row.createdAt.getTime()))).toBeGreaterThanOrEqual(
      now.getTime() - 10 * 1000,
    );
    expect((await pruneNoise(now, { maxRows: 10 })).noise).toBe(0);
  });
});

describe("old carts", () => {
  it("go with their items once their cookie has expired, a batch per run; a cart used again starts its age again", async () => {
    const { addToCart, newCartId, CART_LIFETIME_S, CART_PRUNE_BATCH } =
      await import("@/lib/cart/cart");
    const now = new Date();
    const expiredAt = new Date(now.getTime() - CART_LIFETIME_S * 1000 - 60_000);
    const [product] = await db.run((d) =>
      d.select().from(schema.products).where(eq(schema.products.active, true)).limit(1),
    );
    const expired = Array.from({ length: CART_PRUNE_BATCH + 2 }, () => newCartId());
    const fresh = newCartId();
    await db.run(async (d) => {
      await d
        .insert(schema.carts)
        .values([
          ...expired.map((id) => ({ id, updatedAt: expiredAt })),
          { id: fresh, updatedAt: new Date(now.getTime() - 86_400_000) },
        ]);
      await d
        .insert(schema.cartItems)
        .values({ cartId: expired[0]!, productId: product!.id, quantity: 1 });
    });
    // The shopper comes back to an old cart just before the run: adding renews it.
    const renewed = expired[1]!;
    expect(await addToCart(renewed, product!.id, 1)).toBe(renewed);

    const left = async () =>
      (await db.run((d) => d.select({ id: schema.carts.id }).from(schema.carts))).map((c) => c.id);
    const first = await pruneNoise(now);
    expect(first.carts).toBe(CART_PRUNE_BATCH);
    expect((await pruneNoise(now)).carts).toBe(1);
    expect((await pruneNoise(now)).carts).toBe(0);
    const kept = await left();
    expect(kept).toContain(fresh);
    expect(kept).toContain(renewed);
    expect(expired.filter((id) => id !== renewed && kept.includes(id))).toEqual([]);
    // The items went with their cart.
    const items = await db.run((d) =>
      d.select().from(schema.cartItems).where(eq(schema.cartItems.cartId, expired[0]!)),
    );
    expect(items).toEqual([]);
  });
});

describe("@faults the client address", () => {
  const h = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });
  it("is taken from X-Forwarded-For only behind trusted proxies, counted from the right", () => {
    expect(clientAddress(h("203.0.113.9"), 0)).toBeNull();
    expect(clientAddress(h("203.0.113.9"), 1)).toBe("203.0.113.9");
    // The client wrote the left part itself; the trusted proxy appended the real address.
    expect(clientAddress(h("1.1.1.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddress(h("1.1.1.1, 203.0.113.9, 10.0.0.2"), 2)).toBe("203.0.113.9");
    expect(clientAddress(h("203.0.113.9"), 2)).toBeNull();
    expect(clientAddress(h(), 1)).toBeNull();
    expect(clientAddress(h("2001:db8::1"), 1)).toBe("2001:db8::1");
    expect(clientAddress(h("<script>"), 1)).toBeNull();
  });
});
