// Notification ingest: pools of pending orders with their attempts (inserted directly, in one
// transaction, shaped like what checkout leaves behind), one pre-signed SUCCESS notification per
// attempt, and the database checks that follow each load.
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { priceCart, type PricingProduct } from "@/lib/cart/pricing";
import { newAttemptRefs } from "@/lib/checkout/start-payment";
import { orderItemRows } from "@/lib/checkout/order-items";
import type { Db } from "@/lib/db/open";
import { orderItems, orders, paymentAttempts, paymentEvents, products, sellers, type PostalAddress } from "@/lib/db/schema";
import { dokuTimestamp, signRequest } from "@/lib/doku/signature";
import { runLoad, summarise, type BenchRequest, type LoadResult } from "./load";
import { createDatabase, DOKU, NOTIFICATION_PATH } from "./setup";

export interface PoolAttempt {
  orderId: number;
  attemptId: number;
  invoiceNumber: string;
  amount: number;
}

export interface Pool {
  name: string;
  attempts: PoolAttempt[];
  orderRange: [number, number];
  attemptRange: [number, number];
  notifications: BenchRequest[];
  requestIds: string[];
}

const FIRST_NAMES = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Wayan", "Putri", "Eko", "Lestari", "Joko"];
const LAST_NAMES = ["Rahayu", "Santoso", "Wijaya", "Saputra", "Kusuma", "Hidayat", undefined];
const CITIES = [
  ["Yogyakarta", "55271", "Jl. Malioboro No. 12"],
  ["Jakarta Selatan", "12190", "Jl. Jend. Sudirman Kav. 52"],
  ["Bandung", "40115", "Jl. Braga No. 8"],
  ["Surabaya", "60271", "Jl. Tunjungan No. 45"],
  ["Denpasar", "80232", "Jl. Teuku Umar No. 101"],
] as const;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export function catalogue(db: Db): PricingProduct[] {
  return db
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
    .where(eq(products.active, true))
    .all();
}

/** 1–3 distinct products, 1–2 of each. */
export function randomLines(catalog: PricingProduct[]): { product: PricingProduct; quantity: number }[] {
  const count = 1 + Math.floor(Math.random() * 3);
  const chosen = [...catalog].sort(() => Math.random() - 0.5).slice(0, count);
  return chosen.map((product) => ({ product, quantity: 1 + Math.floor(Math.random() * 2) }));
}

function randomCustomer(i: number) {
  const firstName = pick(FIRST_NAMES);
  const lastName = pick(LAST_NAMES);
  const [city, postalCode, street] = pick(CITIES);
  const phone = `62812${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, "0")}`;
  const address: PostalAddress = {
    firstName,
    ...(lastName ? { lastName } : {}),
    address: street,
    city,
    postalCode,
    phone,
    countryCode: "IDN",
  };
  return { firstName, lastName: lastName ?? null, email: `${firstName.toLowerCase()}.${i}@example.id`, phone, address };
}

const CHUNK = 400;
function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * All pools in ONE transaction: per order its items, one `pending` attempt with a payment URL
 * and the generate-order exchange event that checkout would have recorded.
 */
export function createPools(db: Db, sizes: { name: string; size: number }[], paymentBase: string): Pool[] {
  const catalog = catalogue(db);
  const now = new Date();
  const pools = db.transaction((tx): Pool[] =>
    sizes.map(({ name, size }) => {
      const carts = Array.from({ length: size }, (_, i) => ({ customer: randomCustomer(i), cart: priceCart(randomLines(catalog)) }));
      const orderRows = carts.map(({ customer, cart }) => ({
        publicToken: randomBytes(24).toString("base64url"),
        checkoutKey: randomUUID(),
        cartId: randomBytes(32).toString("base64url"),
        customerFirstName: customer.firstName,
        customerLastName: customer.lastName,
        customerEmail: customer.email,
        customerPhone: customer.phone,
        shippingAddress: customer.address,
        billingAddress: customer.address,
        subtotal: cart.subtotal,
        shippingTotal: cart.shippingTotal,
        total: cart.total,
        createdAt: now,
        updatedAt: now,
      }));
      const orderIds = chunks(orderRows).flatMap((rows) => tx.insert(orders).values(rows).returning({ id: orders.id }).all().map((r) => r.id));

      const itemRows = carts.flatMap(({ cart }, i) => orderItemRows(orderIds[i]!, cart));
      for (const rows of chunks(itemRows)) tx.insert(orderItems).values(rows).run();

      const attemptRows = carts.map(({ cart }, i) => {
        const refs = newAttemptRefs(now);
        const token = randomBytes(16).toString("hex");
        return {
          orderId: orderIds[i]!,
          amount: cart.total,
          status: "pending" as const,
          ...refs,
          paymentUrl: `${paymentBase}/kredivo/signIn?tk=${token}`,
          kredivoOrderId: `KRD-${token.slice(0, 12).toUpperCase()}`,
          expiresAt: new Date(now.getTime() + 24 * 3_600_000),
          createdAt: now,
          updatedAt: now,
        };
      });
      const attemptIds = chunks(attemptRows).flatMap((rows) =>
        tx.insert(paymentAttempts).values(rows).returning({ id: paymentAttempts.id }).all().map((r) => r.id),
      );
      const eventRows = attemptRows.map((a, i) => ({
        kind: "generate_order" as const,
        direction: "out" as const,
        orderId: a.orderId,
        attemptId: attemptIds[i]!,
        requestId: a.requestId,
        method: "POST",
        url: `${paymentBase}/kredivo-peer-to-peer/v2/generate-order`,
        httpStatus: 200,
        signatureValid: true,
        requestHeaders: { "Client-Id": DOKU.clientId, "Request-Id": a.requestId, "Request-Timestamp": dokuTimestamp(now) },
        requestBody: JSON.stringify({ order: { invoice_number: a.invoiceNumber, amount: a.amount }, customer: orderRows[i]!.shippingAddress }),
        responseBody: JSON.stringify({ payment: { status: "PENDING", url: a.paymentUrl } }),
        durationMs: 5,
        outcome: "pending",
        createdAt: now,
      }));
      for (const rows of chunks(eventRows)) tx.insert(paymentEvents).values(rows).run();

      const attempts = attemptRows.map((a, i) => ({ orderId: a.orderId, attemptId: attemptIds[i]!, invoiceNumber: a.invoiceNumber, amount: a.amount }));
      const notifications = attemptRows.map((a) => signedSuccess(a));
      return {
        name,
        attempts,
        orderRange: [Math.min(...orderIds), Math.max(...orderIds)],
        attemptRange: [Math.min(...attemptIds), Math.max(...attemptIds)],
        notifications,
        requestIds: notifications.map((n) => n.headers["Request-Id"]!),
      };
    }),
  );
  // The pools went in as one transaction of tens of MB. Copied into the database file here, so
  // that the server under test does not spend its first measured round checkpointing our setup.
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  return pools;
}

/** DOKU's SUCCESS notification for one attempt, signed over its exact bytes (as the sandbox does). */
function signedSuccess(a: {
  invoiceNumber: string;
  amount: number;
  requestId: string;
  merchantUniqueReference: string;
  kredivoOrderId: string;
}): BenchRequest {
  const body = Buffer.from(
    JSON.stringify({
      service: { id: "PEER_TO_PEER" },
      acquirer: { id: "KREDIVO" },
      channel: { id: "PEER_TO_PEER_KREDIVO" },
      order: { invoice_number: a.invoiceNumber, amount: a.amount },
      transaction: { status: "SUCCESS", date: dokuTimestamp(), original_request_id: a.requestId },
      peer_to_peer_info: {
        merchant_unique_reference: a.merchantUniqueReference,
        identifier: [{ name: "KREDIVO_ORDER_ID", value: a.kredivoOrderId }],
      },
    }),
  );
  const requestId = randomUUID();
  const requestTimestamp = dokuTimestamp();
  const signature = signRequest(
    { clientId: DOKU.clientId, requestId, requestTimestamp, requestTarget: NOTIFICATION_PATH, body },
    DOKU.secretKey,
  );
  return {
    headers: {
      "Content-Type": "application/json",
      "Client-Id": DOKU.clientId,
      "Request-Id": requestId,
      "Request-Timestamp": requestTimestamp,
      Signature: signature,
    },
    body,
  };
}

/**
 * Fires every notification of `pool` exactly once at `connections` (autocannon, keep-alive), then
 * checks in the database that each was recorded and applied once.
 */
export async function firePool(db: Db, baseUrl: string, pool: Pool, connections: number, label: string): Promise<{ load: LoadResult; check: PoolCheck }> {
  const before = lastEventId(db);
  const q = queue(pool);
  const load = await runLoad({ label, baseUrl, path: NOTIFICATION_PATH, connections, amount: pool.notifications.length, next: q.next });
  const check = verifyPool(db, pool, before);
  if (q.taken() !== pool.notifications.length) check.problems.push(`${q.taken()} notifications sent`);
  check.ok &&= q.taken() === pool.notifications.length;
  return { load, check };
}

/** Hands out the pool's notifications one by one, each exactly once. */
export function queue(pool: Pool): { next: () => BenchRequest; taken: () => number } {
  let i = 0;
  return {
    next: () => {
      const n = pool.notifications[i];
      if (!n) throw new Error(`pool ${pool.name}: more requests than notifications`);
      i++;
      return n;
    },
    taken: () => i,
  };
}

export function lastEventId(db: Db): number {
  return (db.$client.prepare("SELECT coalesce(max(id), 0) AS id FROM payment_events").get() as { id: number }).id;
}

export interface PoolCheck {
  ok: boolean;
  paidOrders: number;
  paidAttempts: number;
  events: number;
  paidEvents: number;
  problems: string[];
}

/** Every order and attempt of the pool paid exactly once, every notification recorded once, nothing else. */
export function verifyPool(db: Db, pool: Pool, eventsAfter: number): PoolCheck {
  const n = pool.attempts.length;
  const sqlite = db.$client;
  const count = (sql: string, ...args: unknown[]) => (sqlite.prepare(sql).get(...args) as { n: number }).n;
  const paidOrders = count(
    "SELECT count(*) AS n FROM orders WHERE id BETWEEN ? AND ? AND status = 'paid' AND paid_at IS NOT NULL",
    ...pool.orderRange,
  );
  const paidAttempts = count(
    "SELECT count(*) AS n FROM payment_attempts WHERE id BETWEEN ? AND ? AND status = 'paid' AND settled_at IS NOT NULL",
    ...pool.attemptRange,
  );
  const events = sqlite
    .prepare("SELECT request_id, inbox_key, attempt_id, outcome, http_status FROM payment_events WHERE id > ? AND kind = 'notification'")
    .all(eventsAfter) as { request_id: string; inbox_key: string | null; attempt_id: number | null; outcome: string; http_status: number }[];
  const problems: string[] = [];
  if (paidOrders !== n) problems.push(`${paidOrders}/${n} orders paid`);
  if (paidAttempts !== n) problems.push(`${paidAttempts}/${n} attempts paid`);
  if (events.length !== n) problems.push(`${events.length} notification events for ${n} notifications`);
  const paidEvents = events.filter((e) => e.outcome === "paid" && e.http_status === 200).length;
  if (paidEvents !== n) {
    const outcomes = new Map<string, number>();
    for (const e of events) outcomes.set(`${e.outcome}/${e.http_status}`, (outcomes.get(`${e.outcome}/${e.http_status}`) ?? 0) + 1);
    problems.push(`outcomes: ${[...outcomes].map(([o, k]) => `${o}×${k}`).join(", ")}`);
  }
  const expected = new Set(pool.requestIds);
  const seen = new Set(events.map((e) => e.request_id));
  if (seen.size !== events.length) problems.push("a Request-Id recorded twice");
  if (![...expected].every((id) => seen.has(id))) problems.push(`${[...expected].filter((id) => !seen.has(id)).length} notifications not recorded`);
  if (!events.every((e) => e.inbox_key === e.request_id)) problems.push("inbox keys do not match Request-Ids");
  const attempts = new Set(events.map((e) => e.attempt_id));
  if (attempts.size !== n || ![...attempts].every((id) => id !== null && id >= pool.attemptRange[0] && id <= pool.attemptRange[1])) {
    problems.push("events do not map one-to-one onto the pool's attempts");
  }
  return { ok: problems.length === 0, paidOrders, paidAttempts, events: events.length, paidEvents, problems };
}

export interface StormCheck {
  ok: boolean;
  paid: number;
  duplicate: number;
  other: number;
  orderPaid: boolean;
  problems: string[];
}

/** One Request-Id delivered many times: exactly one `paid`, the rest `duplicate`, the order paid. */
export function verifyStorm(db: Db, pool: Pool, copies: number): StormCheck {
  const requestId = pool.requestIds[0]!;
  const attempt = pool.attempts[0]!;
  const rows = db.$client.prepare("SELECT outcome FROM payment_events WHERE request_id = ? AND kind = 'notification'").all(requestId) as {
    outcome: string;
  }[];
  const paid = rows.filter((r) => r.outcome === "paid").length;
  const duplicate = rows.filter((r) => r.outcome === "duplicate").length;
  const order = db.$client.prepare("SELECT status FROM orders WHERE id = ?").get(attempt.orderId) as { status: string };
  const problems: string[] = [];
  if (paid !== 1) problems.push(`${paid} paid events`);
  if (duplicate !== copies - 1) problems.push(`${duplicate} duplicate events (want ${copies - 1})`);
  if (rows.length !== copies) problems.push(`${rows.length} events for ${copies} deliveries`);
  if (order.status !== "paid") problems.push(`order is ${order.status}`);
  return { ok: problems.length === 0, paid, duplicate, other: rows.length - paid - duplicate, orderPaid: order.status === "paid", problems };
}

// -------------------------------------------------------------- in-process profile ----

export interface InProcessProfile {
  calls: number;
  verifyUs: number;
  handleUs: number;
  handleP50Us: number;
  handleP99Us: number;
  callsPerSecond: number;
  /** The same verification and SQL with the statements prepared once (see preparedEquivalent). */
  preparedUs: number;
  preparedP50Us: number;
  /** receiveNotification (the route's path), 16 in flight at a time: one group commit per 16. */
  groupedUs: number;
  groupedPerSecond: number;
  ok: boolean;
}

/**
 * handleNotification called in a loop in this process (no HTTP at all), on its own database;
 * verifyNotification alone on the same inputs; and, on a second pool, the same verification and
 * the same SQL statements prepared once: the per-call cost of the lib code and of its parts.
 */
export async function profileInProcess(count: number, appEnv: Record<string, string>): Promise<InProcessProfile> {
  const { path, db } = await createDatabase("profile.db", false);
  Object.assign(process.env, { ...appEnv, DATABASE_URL: path });
  const [pool, preparedPool, groupedPool] = createPools(
    db,
    [
      { name: "profile", size: count },
      { name: "prepared", size: count },
      { name: "grouped", size: count },
    ],
    "http://127.0.0.1:9",
  );
  db.$client.close();
  const { handleNotification, receiveNotification } = await import("@/lib/orders/notifications");
  const { verifyNotification } = await import("@/lib/doku/notification");
  const { db: appDb } = await import("@/lib/db/client");
  const asInputs = (p: Pool) => p.notifications.map((n) => ({ headers: new Headers(n.headers), body: n.body }));
  const inputs = asInputs(pool!);
  const config = { clientId: DOKU.clientId, secretKey: DOKU.secretKey, notificationPath: NOTIFICATION_PATH };

  let t = performance.now();
  for (const n of inputs) verifyNotification(n.body, n.headers, config);
  const verifyUs = ((performance.now() - t) * 1000) / inputs.length;

  const perCall: number[] = [];
  let paid = 0;
  t = performance.now();
  for (const n of inputs) {
    const s = performance.now();
    const answer = handleNotification(n.body, n.headers, { url: NOTIFICATION_PATH });
    perCall.push((performance.now() - s) * 1000);
    if (answer.body.outcome === "paid") paid++;
  }
  const total = performance.now() - t;
  const stats = summarise(perCall);

  const prepared = preparedEquivalent(appDb().$client, (body, headers) => verifyNotification(body, headers, config));
  const preparedTimes: number[] = [];
  for (const n of asInputs(preparedPool!)) {
    const s = performance.now();
    if (prepared(n.body, n.headers) === "paid") paid++;
    preparedTimes.push((performance.now() - s) * 1000);
  }
  const preparedStats = summarise(preparedTimes);

  const grouped = asInputs(groupedPool!);
  t = performance.now();
  for (let i = 0; i < grouped.length; i += 16) {
    const answers = await Promise.all(grouped.slice(i, i + 16).map((n) => receiveNotification(n.body, n.headers, { url: NOTIFICATION_PATH })));
    paid += answers.filter((a) => a.body.outcome === "paid").length;
  }
  const groupedMs = performance.now() - t;
  return {
    calls: inputs.length,
    verifyUs,
    handleUs: (total * 1000) / inputs.length,
    handleP50Us: stats.p50,
    handleP99Us: stats.p99,
    callsPerSecond: inputs.length / (total / 1000),
    preparedUs: preparedStats.mean,
    preparedP50Us: preparedStats.p50,
    groupedUs: (groupedMs * 1000) / grouped.length,
    groupedPerSecond: grouped.length / (groupedMs / 1000),
    ok: paid === 3 * inputs.length,
  };
}

type Verify = (body: Buffer, headers: Headers) => ReturnType<typeof import("@/lib/doku/notification").verifyNotification>;

/**
 * For comparison only (the SUCCESS path): the statements handleNotification runs for a SUCCESS
 * on a pending attempt — claim the inbox row, find the attempt, conditional updates of attempt
 * and order, record the outcome — in one transaction, but prepared once instead of built and
 * prepared by drizzle on every call.
 */
export function preparedEquivalent(sqlite: Db["$client"], verify: Verify): (body: Buffer, headers: Headers) => string {
  const claim = sqlite.prepare(
    `INSERT INTO payment_events (kind, direction, request_id, inbox_key, method, url, http_status, signature_valid,
       request_headers, request_body, outcome, flagged, created_at)
     VALUES ('notification', 'in', ?, ?, 'POST', ?, 200, 1, ?, ?, 'received', 0, ?)
     ON CONFLICT (inbox_key) DO NOTHING RETURNING id`,
  );
  const findAttempt = sqlite.prepare("SELECT id, order_id, amount FROM payment_attempts WHERE invoice_number = ?");
  const payAttempt = sqlite.prepare(
    `UPDATE payment_attempts SET status = 'paid', updated_at = ?, settled_at = ?
      WHERE id = ? AND status IN ('creating', 'pending', 'rejected', 'failed', 'expired')`,
  );
  const payOrder = sqlite.prepare(
    "UPDATE orders SET status = 'paid', paid_at = ?, updated_at = ? WHERE id = ? AND status IN ('pending', 'failed', 'expired')",
  );
  const finish = sqlite.prepare("UPDATE payment_events SET outcome = ?, http_status = 200, flagged = 0, order_id = ?, attempt_id = ? WHERE id = ?");
  return (body, headers) => {
    const verdict = verify(body, headers);
    if (!verdict.ok) return `rejected:${verdict.reason}`;
    const now = Date.now();
    const h = verdict.headers;
    const stored = JSON.stringify({
      "Client-Id": h.clientId,
      "Request-Id": h.requestId,
      "Request-Timestamp": h.requestTimestamp,
      Signature: `${h.signature!.slice(0, 20)}…`,
    });
    return sqlite.transaction(() => {
      const claimed = claim.get(verdict.requestId, verdict.requestId, NOTIFICATION_PATH, stored, body.toString("utf8"), now) as
        | { id: number }
        | undefined;
      const attempt = findAttempt.get(verdict.notification.order.invoice_number) as { id: number; order_id: number; amount: number } | undefined;
      if (!claimed) return "duplicate";
      if (!attempt || attempt.amount !== verdict.notification.order.amount) return "unexpected";
      payAttempt.run(now, now, attempt.id);
      const outcome = payOrder.run(now, now, attempt.order_id).changes ? "paid" : "paid:order_already_paid";
      finish.run(outcome, attempt.order_id, attempt.id, claimed.id);
      return outcome;
    })();
  };
}
