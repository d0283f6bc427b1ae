// What an unauthenticated request can make the app store: bounded per request, pruned by age and
// count, and never at the cost of the inbox or of anything DOKU signed.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { dokuTimestamp } from "@/lib/doku/signature";
import { TEST_DOKU, migratedAndSeeded, setTestEnv } from "../support/app-db";
import { signedHeaders, successBody } from "../support/signed-notification";
import { createPendingOrder } from "../support/pending-order";

setTestEnv();
const { handleNotification, MAX_UNVERIFIED_BODY_BYTES } = await import("@/lib/orders/notifications");
const { pruneNoise } = await import("@/lib/orders/prune-noise");
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
    headers: new Headers({ "Client-Id": TEST_DOKU.clientId, "Request-Id": randomUUID(), "Request-Timestamp": dokuTimestamp(), Signature: "HMACSHA256=forged", ...headers }),
  };
}

function signed(invoice: string, amount: number) {
  const body = successBody(invoice, amount);
  return { body: Buffer.from(body), ...signedHeaders(body) };
}

const eventsByRequestId = (requestId: string) => db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.requestId, requestId)).all();

describe("@faults unverified notifications", () => {
  it("keep only headers, size, hash and the first bytes; a verified one keeps its body whole", () => {
    const forged = junk(60_000, { "Request-Id": `r-${"x".repeat(5000)}` });
    // Refused for its over-long Request-Id before the signature is even checked; stored bounded all the same.
    expect(handleNotification(forged.body, forged.headers, meta).status).toBe(400);
    const [row] = db.select().from(schema.paymentEvents).where(eq(schema.paymentEvents.signatureValid, false)).all().slice(-1);
    expect(row!.requestBodyBytes).toBe(60_000);
    expect(row!.requestBodySha256).toBe(createHash("sha256").update(forged.body).digest("hex"));
    expect(row!.requestBody).toBe(forged.body.subarray(0, MAX_UNVERIFIED_BODY_BYTES).toString());
    expect(row!.requestId!.length).toBeLessThanOrEqual(129);
    expect(JSON.stringify(row!.requestHeaders).length).toBeLessThan(700);
    const stored = Buffer.byteLength(row!.requestBody!) + JSON.stringify(row!.requestHeaders).length + row!.requestId!.length + 64;
    expect(stored).toBeLessThan(1_500);

    const order = createPendingOrder(db);
    const genuine = signed(order.invoice, order.amount);
    expect(handleNotification(genuine.body, genuine.headers, meta).status).toBe(200);
    const [kept] = eventsByRequestId(genuine.requestId);
    expect(kept!.requestBody).toBe(genuine.body.toString());
    expect(kept!.requestBodyBytes).toBe(genuine.body.byteLength);
    expect(kept!.inboxKey).toBe(genuine.requestId);
  });

  it("are pruned by age and past a cap, never the inbox, flagged rows or our own calls", () => {
    const now = new Date();
    const order = createPendingOrder(db);
    const genuine = signed(order.invoice, order.amount);
    handleNotification(genuine.body, genuine.headers, { ...meta, receivedAt: new Date(now.getTime() - 30 * 86_400_000) });
    // A valid signature on a malformed body is flagged for a human: kept whatever its age.
    const flaggedBody = "not json";
    expect(handleNotification(Buffer.from(flaggedBody), signedHeaders(flaggedBody).headers, { ...meta, receivedAt: new Date(now.getTime() - 30 * 86_400_000) }).status).toBe(400);
    for (let i = 0; i < 5; i++) {
      const old = junk(100);
      handleNotification(old.body, old.headers, { ...meta, receivedAt: new Date(now.getTime() - 8 * 86_400_000) });
    }
    for (let i = 0; i < 30; i++) {
      const recent = junk(100);
      handleNotification(recent.body, recent.headers, { ...meta, receivedAt: new Date(now.getTime() - (30 - i) * 1000) });
    }
    const count = (where: ReturnType<typeof sql>) => db.select({ n: sql<number>`count(*)` }).from(schema.paymentEvents).where(where).get()!.n;
    const noise = sql`signature_valid = 0 AND inbox_key IS NULL AND flagged = 0`;
    const before = count(noise);
    const others = count(sql`NOT (signature_valid = 0 AND inbox_key IS NULL AND flagged = 0)`);

    const report = pruneNoise(now, { maxRows: 10 });
    expect(report.noise).toBe(before - 10);
    expect(count(noise)).toBe(10);
    expect(count(sql`NOT (signature_valid = 0 AND inbox_key IS NULL AND flagged = 0)`)).toBe(others);
    expect(eventsByRequestId(genuine.requestId)).toHaveLength(1);
    // The newest noise is what stays.
    const newest = db.select().from(schema.paymentEvents).where(noise).all();
    expect(Math.min(...newest.map((e) => e.createdAt.getTime()))).toBeGreaterThanOrEqual(now.getTime() - 10 * 1000);
    expect(pruneNoise(now, { maxRows: 10 }).noise).toBe(0);
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
