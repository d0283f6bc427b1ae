// Checkout placement through HTTP: the real server action (`placeOrderAction`) posted the way the
// browser's form posts it, one order at a time, timed from sending to the response headers. The
// action answers with a redirect to the sandbox's Kredivo page in `x-action-redirect`, after
// placeOrder has saved the order and the sandbox has answered generate-order.
import { randomBytes } from "node:crypto";
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "@/lib/db/connection";
import { cartItems, carts, orders, paymentAttempts } from "@/lib/db/schema";
import { summarise } from "./load";
import { activeCatalogue, randomLines, type Check } from "./notifications";

/** Carts with 1–3 active products each, inserted directly; their ids are what the cookie holds. */
export async function createCarts(database: Database, count: number): Promise<string[]> {
  const catalogue = await activeCatalogue(database);
  const ids = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  await database.transaction(async (tx) => {
    for (const id of ids) {
      await tx.insert(carts).values({ id });
      await tx.insert(cartItems).values(randomLines(catalogue).map((l) => ({ cartId: id, productId: l.product.id, quantity: l.quantity })));
    }
  });
  return ids;
}

/** What the checkout form submits (lib/checkout/schema.ts), billing fields hidden and empty. */
export function checkoutValues(i: number) {
  return {
    firstName: "Siti",
    lastName: "Rahayu",
    email: `siti.checkout.${i}@example.id`,
    phone: "0812 3456 7890",
    shipping: { address: "Jl. Malioboro No. 12", city: "Yogyakarta", postalCode: "55271", phone: "0812 3456 7890" },
    billingSameAsShipping: true,
    billing: { firstName: "", lastName: "", address: "", city: "", postalCode: "", phone: "" },
  };
}

/** lib/checkout/checkout-key.ts: nonce, issue time, HMAC. */
const CHECKOUT_KEY = /[0-9a-f-]{36}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/;

export interface Placement {
  placed: number;
  p50: number;
  p99: number;
  failures: string[];
}

export async function placeOrders(appUrl: string, actionId: string, cartIds: string[], sandboxUrl: string): Promise<Placement> {
  const timings: number[] = [];
  const failures: string[] = [];
  for (const [i, cartId] of cartIds.entries()) {
    const cookie = `tn_cart=${cartId}`;
    // The checkout key comes with the page, as a browser gets it; fetched outside the timing.
    const page = await (await fetch(`${appUrl}/checkout`, { headers: { Cookie: cookie } })).text();
    const checkoutKey = CHECKOUT_KEY.exec(page)?.[0];
    if (!checkoutKey) {
      failures.push(`cart ${i}: no checkout key on /checkout`);
      continue;
    }
    const started = performance.now();
    const response = await fetch(`${appUrl}/checkout`, {
      method: "POST",
      redirect: "manual",
      headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: appUrl, Cookie: cookie },
      body: JSON.stringify([checkoutValues(i), checkoutKey]),
    });
    const ms = performance.now() - started;
    const body = await response.text();
    const redirect = response.headers.get("x-action-redirect");
    if (redirect?.startsWith(`${sandboxUrl}/kredivo/`)) timings.push(ms);
    else failures.push(`cart ${i}: HTTP ${response.status}, x-action-redirect ${redirect}: ${body.slice(0, 200)}`);
  }
  return { placed: timings.length, ...summarise(timings), failures };
}

/** One order per cart, each with one `pending` attempt holding a payment URL; every cart emptied. */
export async function verifyOrders(database: Database, cartIds: string[]): Promise<Check> {
  const problems: string[] = [];
  let placed = 0;
  let pending = 0;
  let leftInCarts = 0;
  await database.run(async (db) => {
    for (let i = 0; i < cartIds.length; i += 500) {
      const ids = cartIds.slice(i, i + 500);
      const [o] = await db.select({ n: count() }).from(orders).where(inArray(orders.cartId, ids));
      const [a] = await db
        .select({ n: count() })
        .from(paymentAttempts)
        .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
        .where(and(inArray(orders.cartId, ids), eq(paymentAttempts.status, "pending"), isNotNull(paymentAttempts.paymentUrl)));
      const [c] = await db.select({ n: count() }).from(cartItems).where(inArray(cartItems.cartId, ids));
      placed += o?.n ?? 0;
      pending += a?.n ?? 0;
      leftInCarts += c?.n ?? 0;
    }
  });
  if (placed !== cartIds.length) problems.push(`${placed} orders for ${cartIds.length} carts`);
  if (pending !== cartIds.length) problems.push(`${pending} pending attempts with a payment URL for ${cartIds.length} orders`);
  if (leftInCarts !== 0) problems.push(`${leftInCarts} items left in carts that were placed`);
  return { ok: problems.length === 0, summary: `${placed} orders, ${pending} pending attempts, carts emptied`, problems };
}
