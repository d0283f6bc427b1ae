// Two `next start` instances of the same build on one PostgreSQL (started by the test itself):
// every notification of a batch of orders delivered to both at once, plus duplicates to each,
// pays every order exactly once; and their reconcilers, running at the same time, ask DOKU once
// per due attempt.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { asc, eq, inArray } from "drizzle-orm";
import { openDatabase, type Database } from "@/lib/db/connection";
import { orders, paymentAttempts, paymentEvents } from "@/lib/db/schema/postgres";
import { createDokuClient } from "@/lib/doku/client";
import { orderBody } from "@/tests/support/orders";
import {
  createDatabase,
  startPostgres,
  type PostgresServer,
} from "@/tests/support/postgres-server";
import { notificationBody, signNotification } from "./support/doku";
import { E2E } from "./support/env";
import { answers, startApp } from "./support/second-app";

const PORTS = [3201, 3202] as const;
const ORDERS = 12;
const AMOUNT = 385_000;

let postgres: PostgresServer;
let url: string;
let database: Database;
let apps: ReturnType<typeof startApp>[] = [];

const instanceEnv = (port: number, extra: Record<string, string> = {}) => ({
  ...process.env,
  ...E2E.env,
  DATABASE_URL: url,
  APP_BASE_URL: `http://localhost:${port}`,
  ...extra,
});

async function startInstances(extra: Record<string, string>) {
  // Stopped after every test (afterEach): none may still answer from an earlier one.
  for (const port of PORTS)
    expect(await answers(`http://localhost:${port}/`), `port ${port} must be free`).toBeNull();
  apps = PORTS.map((port) => startApp(instanceEnv(port, extra), port));
  for (const port of PORTS)
    await expect
      .poll(() => answers(`http://localhost:${port}/api/ready`), { timeout: 60_000 })
      .toBe(200);
}
async function stopInstances() {
  await Promise.all(apps.map((app) => app.stop()));
  apps = [];
}

/**
 * `count` pending orders with one pending attempt each, `createdAt` as given. Written against the
 * PostgreSQL tables directly: this process's DATABASE_URL (none) would pick SQLite's in
 * lib/db/schema, which tests/support/pending-order.ts uses.
 */
async function pendingOrders(count: number, createdAt = new Date(), invoices?: string[]) {
  return database.transaction(async (tx) => {
    const made: { orderId: number; attemptId: number; invoice: string }[] = [];
    const address = {
      firstName: "Wulan",
      address: "Jl. Gejayan 7",
      city: "Sleman",
      postalCode: "55281",
      phone: "6281311112222",
      countryCode: "IDN" as const,
    };
    for (let i = 0; i < count; i++) {
      const [order] = await tx
        .insert(orders)
        .values({
          publicToken: randomBytes(24).toString("base64url"),
          checkoutKey: randomUUID(),
          customerFirstName: "Wulan",
          customerEmail: "wulan@example.com",
          customerPhone: "6281311112222",
          shippingAddress: address,
          billingAddress: address,
          subtotal: AMOUNT - 15_000,
          shippingTotal: 15_000,
          total: AMOUNT,
          createdAt,
        })
        .returning();
      const invoice = invoices?.[i] ?? `INV-E2E-PG-${randomBytes(6).toString("hex").toUpperCase()}`;
      const [attempt] = await tx
        .insert(paymentAttempts)
        .values({
          orderId: order!.id,
          amount: AMOUNT,
          status: "pending",
          paymentUrl: "http://kredivo.example/pay",
          invoiceNumber: invoice,
          merchantUniqueReference: `MUR-${invoice}`,
          requestId: randomUUID(),
          createdAt,
        })
        .returning();
      made.push({ orderId: order!.id, attemptId: attempt!.id, invoice });
    }
    return made;
  });
}

/** `count` invoices created at the sandbox (DOKU knows them), still pending there. */
async function knownInvoices(count: number): Promise<string[]> {
  const sandboxClient = createDokuClient({
    baseUrl: E2E.sandboxUrl,
    clientId: E2E.env.DOKU_CLIENT_ID,
    secretKey: E2E.env.DOKU_SECRET_KEY,
  });
  const invoices = Array.from(
    { length: count },
    () => `INV-E2E-RC-${randomBytes(6).toString("hex").toUpperCase()}`,
  );
  for (const invoice of invoices) {
    // orderBody's lines add up to AMOUNT.
    expect((await sandboxClient.generateOrder(orderBody({ invoice }))).ok).toBe(true);
  }
  return invoices;
}

/** A SUCCESS notification for `invoice`, signed as DOKU signs it for the e2e merchant. */
function notification(invoice: string) {
  const body = JSON.stringify(notificationBody({ invoice, amount: AMOUNT, status: "SUCCESS" }));
  return { body, headers: signNotification(body) };
}

test.describe("two instances on one PostgreSQL @faults", () => {
  test.setTimeout(180_000);

  test.beforeAll(async () => {
    postgres = await startPostgres();
    url = await createDatabase(postgres.url, `e2e_${randomBytes(4).toString("hex")}`);
    // The same commands a merchant runs: migrations and seed, with DATABASE_URL as given.
    execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-seed.ts"], {
      env: instanceEnv(PORTS[0]),
      stdio: "ignore",
    });
    database = openDatabase(url);
  });
  // Whatever a test did, passed or failed, its instances are gone before the next one starts.
  test.afterEach(async () => {
    await stopInstances();
  });
  test.afterAll(async () => {
    await stopInstances();
    await database?.close();
    await postgres?.stop();
  });

  test("every notification delivered to both instances at once, and again to each: each order paid once", async () => {
    await startInstances({ RECONCILE_INTERVAL_MS: "0" });
    const placed = await pendingOrders(ORDERS);
    // Per order: one Request-Id sent to both instances at once (twice to each), and a second
    // Request-Id for the same payment (DOKU telling us again), also to both.
    const deliveries = placed.flatMap(({ invoice }) => {
      const first = notification(invoice);
      const again = notification(invoice);
      return [first, first, first, first, again, again].map((n, i) => ({
        ...n,
        port: PORTS[i % 2]!,
      }));
    });
    const answersGot = await Promise.all(
      deliveries.map(async ({ port, body, headers }) => {
        const res = await fetch(`http://localhost:${port}${E2E.env.DOKU_NOTIFICATION_PATH}`, {
          method: "POST",
          headers,
          body,
        });
        return { status: res.status, outcome: ((await res.json()) as { outcome: string }).outcome };
      }),
    );
    expect(answersGot.every((a) => a.status === 200)).toBe(true);
    expect(answersGot.filter((a) => a.outcome === "paid")).toHaveLength(ORDERS);

    const ids = placed.map((p) => p.orderId);
    const stored = await database.run((db) =>
      db.select().from(orders).where(inArray(orders.id, ids)),
    );
    expect(stored.map((o) => o.status)).toEqual(ids.map(() => "paid"));
    const attempts = await database.run((db) =>
      db.select().from(paymentAttempts).where(inArray(paymentAttempts.orderId, ids)),
    );
    expect(attempts.map((a) => a.status)).toEqual(ids.map(() => "paid"));
    const events = await database.run((db) =>
      db
        .select()
        .from(paymentEvents)
        .where(inArray(paymentEvents.orderId, ids))
        .orderBy(asc(paymentEvents.id)),
    );
    // Every delivery recorded; per order exactly one transition, one claim per Request-Id.
    expect(events).toHaveLength(deliveries.length);
    for (const { orderId } of placed) {
      const mine = events.filter((e) => e.orderId === orderId);
      expect(
        mine.filter((e) => e.outcome === "paid"),
        `order ${orderId}`,
      ).toHaveLength(1);
      expect(
        mine.filter((e) => e.inboxKey !== null),
        `order ${orderId}`,
      ).toHaveLength(2);
      expect(mine.map((e) => e.outcome).sort()).toEqual(
        [
          "duplicate",
          "duplicate",
          "duplicate",
          "duplicate:already_paid",
          "duplicate",
          "paid",
        ].sort(),
      );
    }
  });

  test("two reconcilers at once ask DOKU once per due attempt", async () => {
    // Orders DOKU knows (created at the sandbox), still pending there, older than the minimum age.
    const invoices = await knownInvoices(6);
    const placed = await pendingOrders(
      invoices.length,
      new Date(Date.now() - 5 * 60_000),
      invoices,
    );

    await startInstances({ RECONCILE_INTERVAL_MS: "500", RECONCILE_MIN_AGE_MS: "60000" });
    const checkEvents = () =>
      database.run((db) =>
        db
          .select({ attemptId: paymentEvents.attemptId, outcome: paymentEvents.outcome })
          .from(paymentEvents)
          .where(
            inArray(
              paymentEvents.attemptId,
              placed.map((p) => p.attemptId),
            ),
          ),
      );
    await expect
      .poll(async () => (await checkEvents()).length, { timeout: 30_000 })
      .toBe(invoices.length);
    // More passes, each proven by a new due attempt it checks: one after another, so each was
    // picked by a pass that started after the previous one was checked. Nothing asked about the
    // first attempts again in those passes: they are not due again within the minimum age.
    for (let pass = 0; pass < 3; pass++) {
      const [invoice] = await knownInvoices(1);
      const [marker] = await pendingOrders(1, new Date(Date.now() - 5 * 60_000), [invoice!]);
      const markerChecks = () =>
        database.run((db) =>
          db
            .select({ id: paymentEvents.id })
            .from(paymentEvents)
            .where(eq(paymentEvents.attemptId, marker!.attemptId)),
        );
      await expect.poll(async () => (await markerChecks()).length, { timeout: 30_000 }).toBe(1);
    }
    await stopInstances();

    const events = await checkEvents();
    expect(events).toHaveLength(invoices.length);
    expect(events.map((e) => e.outcome)).toEqual(invoices.map(() => "no_change:pending"));
    for (const invoice of invoices) {
      const atDoku = (await (
        await fetch(`${E2E.sandboxUrl}/_sandbox/orders/${invoice}`)
      ).json()) as { checkStatusCalls: number };
      expect(atDoku.checkStatusCalls, invoice).toBe(1);
    }
    const [first] = await database.run((db) =>
      db.select().from(paymentAttempts).where(eq(paymentAttempts.id, placed[0]!.attemptId)),
    );
    expect(first!.lastCheckedAt).not.toBeNull();
  });
});
