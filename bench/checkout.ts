// Checkout placement through HTTP: the real server action (`placeOrderAction`) posted the way the
// browser's form posts it, one order at a time, timed from sending to the response headers. The
// action answers with a redirect to the sandbox's Kredivo page in `x-action-redirect`, after
// placeOrder has saved the order and the sandbox has answered generate-order.
import { randomBytes } from "node:crypto";
import { count, eq, inArray } from "drizzle-orm";
import type { PricingProduct } from "@/lib/cart/pricing";
import type { Database } from "@/lib/db/connection";
import { cartItems, carts, orders, paymentAttempts } from "@/lib/db/schema";
import { summarise } from "./load";
import { activeCatalogue, randomLines, type Check } from "./notifications";

/**
 * What an order of these lines must cost, worked out here rather than by the app's pricing so that
 * the check is independent of it: the catalogue prices, plus each seller's flat fee once when it
 * ships something physical (docs: digital goods ship free).
 */
export function expectedTotal(
  lines: readonly { product: PricingProduct; quantity: number }[],
): number {
  const items = lines.reduce((total, l) => total + l.product.price * l.quantity, 0);
  const shippers = new Map(
    lines
      .filter((l) => l.product.type === "physical")
      .map((l) => [l.product.seller.id, l.product.seller.shippingFee]),
  );
  return items + [...shippers.values()].reduce((total, fee) => total + fee, 0);
}

/** Carts with 1–3 active products each, inserted directly; their ids are what the cookie holds, with what each order must cost. */
export async function createCarts(
  database: Database,
  count: number,
): Promise<{ id: string; total: number }[]> {
  const catalogue = await activeCatalogue(database);
  const created = Array.from({ length: count }, () => ({
    id: randomBytes(32).toString("base64url"),
    lines: randomLines(catalogue),
  }));
  await database.transaction(async (tx) => {
    for (const { id, lines } of created) {
      await tx.insert(carts).values({ id });
      await tx
        .insert(cartItems)
        .values(lines.map((l) => ({ cartId: id, productId: l.product.id, quantity: l.quantity })));
    }
  });
  return created.map(({ id, lines }) => ({ id, total: expectedTotal(lines) }));
}

/** What the checkout form submits (lib/checkout/schema.ts), billing fields hidden and empty. */
export function checkoutValues(i: number) {
  return {
    firstName: "Siti",
    lastName: "Rahayu",
    // One shopper per order: the shop limits the unpaid orders one email or phone may hold.
    email: `siti.checkout.${i}@example.id`,
    phone: `0812 ${String(i).padStart(8, "0")}`,
    shipping: {
      address: "Jl. Malioboro No. 12",
      city: "Yogyakarta",
      postalCode: "55271",
      phone: "0812 3456 7890",
    },
    billingSameAsShipping: true,
    billing: { firstName: "", lastName: "", address: "", city: "", postalCode: "", phone: "" },
  };
}

/** lib/checkout/checkout-key.ts: nonce, issue time, HMAC. */
export const CHECKOUT_KEY = /[0-9a-f-]{36}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/;

export interface Placement {
  placed: number;
  p50: number;
  p99: number;
  failures: string[];
}

export async function placeOrders(
  appUrl: string,
  actionId: string,
  cartIds: string[],
  sandboxUrl: string,
): Promise<Placement> {
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
      headers: {
        "Next-Action": actionId,
        "Content-Type": "text/plain;charset=UTF-8",
        Accept: "text/x-component",
        Origin: appUrl,
        Cookie: cookie,
      },
      body: JSON.stringify([checkoutValues(i), checkoutKey]),
    });
    const ms = performance.now() - started;
    const body = await response.text();
    const redirect = response.headers.get("x-action-redirect");
    if (redirect?.startsWith(`${sandboxUrl}/kredivo/`)) timings.push(ms);
    else
      failures.push(
        `cart ${i}: HTTP ${response.status}, x-action-redirect ${redirect}: ${body.slice(0, 200)}`,
      );
  }
  return { placed: timings.length, ...summarise(timings), failures };
}

/**
 * One order per cart, each with one `pending` attempt holding a payment URL; every cart emptied;
 * every order's total what its cart must cost, its attempt's amount that total, and the amount the
 * sandbox (DOKU) received for the invoice that total too.
 */
export async function verifyOrders(
  database: Database,
  placedCarts: readonly { id: string; total: number }[],
  sandboxUrl: string,
): Promise<Check> {
  const problems: string[] = [];
  const wrong: string[] = [];
  let placed = 0;
  let pending = 0;
  let leftInCarts = 0;
  let checked = 0;
  for (let i = 0; i < placedCarts.length; i += 500) {
    const chunk = placedCarts.slice(i, i + 500);
    const ids = chunk.map((c) => c.id);
    const rows = await database.run((db) =>
      db
        .select({
          cartId: orders.cartId,
          total: orders.total,
          status: paymentAttempts.status,
          amount: paymentAttempts.amount,
          invoice: paymentAttempts.invoiceNumber,
          url: paymentAttempts.paymentUrl,
        })
        .from(orders)
        .innerJoin(paymentAttempts, eq(paymentAttempts.orderId, orders.id))
        .where(inArray(orders.cartId, ids)),
    );
    const [c] = await database.run((db) =>
      db.select({ n: count() }).from(cartItems).where(inArray(cartItems.cartId, ids)),
    );
    leftInCarts += c?.n ?? 0;
    placed += new Set(rows.map((r) => r.cartId)).size;
    for (const cart of chunk) {
      const mine = rows.filter((r) => r.cartId === cart.id);
      const row = mine[0];
      if (mine.length !== 1 || !row) continue;
      if (row.status === "pending" && row.url) pending++;
      const atDoku = await fetch(`${sandboxUrl}/_sandbox/orders/${row.invoice}`).then((r) =>
        r.ok ? (r.json() as Promise<{ amount?: number }>) : null,
      );
      checked++;
      if (row.total !== cart.total || row.amount !== cart.total || atDoku?.amount !== cart.total) {
        wrong.push(
          `${row.invoice}: expected ${cart.total}, order ${row.total}, attempt ${row.amount}, at DOKU ${atDoku?.amount ?? "nothing"}`,
        );
      }
    }
  }
  if (placed !== placedCarts.length)
    problems.push(`${placed} orders for ${placedCarts.length} carts`);
  if (pending !== placedCarts.length)
    problems.push(
      `${pending} pending attempts with a payment URL for ${placedCarts.length} orders`,
    );
  if (leftInCarts !== 0) problems.push(`${leftInCarts} items left in carts that were placed`);
  if (wrong.length)
    problems.push(
      `${wrong.length} of ${checked} orders with a wrong amount (${wrong.slice(0, 3).join("; ")})`,
    );
  return {
    ok: problems.length === 0,
    summary: `${placed} orders, ${pending} pending attempts, carts emptied, ${checked - wrong.length} totals right at the shop and at DOKU`,
    problems,
  };
}
