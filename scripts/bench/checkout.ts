// Checkout placement through HTTP: the real server action (`placeOrderAction`) posted the way
// the browser's form posts it, one order at a time, timed from send to response headers — the
// action's redirect to the sandbox's Kredivo page arrives in the `x-action-redirect` header.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { cartItems, carts } from "@/lib/db/schema";
import { summarise } from "./load";
import { catalogue, randomLines } from "./notifications";
import { SNAPSHOT_NEXT } from "./setup";

const MANIFEST = `${SNAPSHOT_NEXT}/server/server-reference-manifest.json`;
const ACTION_FILE = "app/(shop)/checkout/actions.ts";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

/** The action id of placeOrderAction in this build (it changes with every build). */
export function findActionId(): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as { node?: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node ?? {}).find(
    ([, entry]) => entry.filename === ACTION_FILE && entry.exportedName === "placeOrderAction",
  );
  if (!found) throw new Error(`${MANIFEST}: no entry for ${ACTION_FILE} placeOrderAction`);
  return found[0];
}

/** Carts with 1–3 active products each, inserted directly; their ids are what the cookie holds. */
export function createCarts(db: Db, count: number): string[] {
  const catalog = catalogue(db);
  const now = new Date();
  const ids = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  db.transaction((tx) => {
    for (const id of ids) {
      tx.insert(carts).values({ id, createdAt: now, updatedAt: now }).run();
      tx.insert(cartItems)
        .values(randomLines(catalog).map((l) => ({ cartId: id, productId: l.product.id, quantity: l.quantity, addedAt: now })))
        .run();
    }
  });
  return ids;
}

/** What the checkout form submits (lib/checkout/schema.ts), billing fields hidden and empty. */
function checkoutValues(i: number) {
  return {
    firstName: "Siti",
    lastName: "Rahayu",
    email: `siti.bench.${i}@example.id`,
    phone: "0812 3456 7890",
    shipping: { address: "Jl. Malioboro No. 12", city: "Yogyakarta", postalCode: "55271", phone: "0812 3456 7890" },
    billingSameAsShipping: true,
    billing: { firstName: "", lastName: "", address: "", city: "", postalCode: "", phone: "" },
  };
}

/** lib/checkout/checkout-key.ts: nonce, issue time, HMAC. */
const CHECKOUT_KEY = /[0-9a-f-]{36}\.[0-9a-z]{1,12}\.[A-Za-z0-9_-]{43}/;

export interface PlacementResult {
  placed: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  failures: string[];
}

export async function placeOrders(
  appUrl: string,
  actionId: string,
  cartIds: string[],
  sandboxUrl: string,
  timed: boolean,
): Promise<PlacementResult> {
  const timings: number[] = [];
  const failures: string[] = [];
  for (const [i, cartId] of cartIds.entries()) {
    // The checkout key is issued by the page, as a browser gets it; fetched outside the timing.
    const page = await (await fetch(`${appUrl}/checkout`, { headers: { Cookie: `tn_cart=${cartId}` } })).text();
    const checkoutKey = CHECKOUT_KEY.exec(page)?.[0];
    if (!checkoutKey) {
      failures.push(`no checkout key on /checkout for cart ${cartId}`);
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
        Cookie: `tn_cart=${cartId}`,
      },
      body: JSON.stringify([checkoutValues(i), checkoutKey]),
    });
    const ms = performance.now() - started;
    const body = await response.text();
    const redirect = response.headers.get("x-action-redirect");
    if (!redirect?.startsWith(`${sandboxUrl}/kredivo/`)) {
      if (failures.length < 5) failures.push(`HTTP ${response.status}, x-action-redirect ${redirect}: ${body.slice(0, 200)}`);
      else failures.push("");
      continue;
    }
    timings.push(ms);
  }
  if (!timed) return { placed: timings.length, p50: NaN, p99: NaN, mean: NaN, max: NaN, failures };
  return { placed: timings.length, ...summarise(timings), failures };
}

export interface OrdersCheck {
  ok: boolean;
  orders: number;
  pendingAttempts: number;
  emptiedCarts: number;
  firstToken: string | null;
}

/** One order per cart, each with exactly one attempt, `pending` with a payment URL; carts emptied. */
export function verifyOrders(db: Db, cartIds: string[]): OrdersCheck {
  const sqlite = db.$client;
  let orders = 0;
  let pendingAttempts = 0;
  let emptiedCarts = 0;
  let firstToken: string | null = null;
  for (let i = 0; i < cartIds.length; i += 500) {
    const ids = cartIds.slice(i, i + 500);
    const marks = ids.map(() => "?").join(",");
    const rows = sqlite
      .prepare(
        `SELECT o.public_token AS token, count(a.id) AS attempts,
                sum(a.status = 'pending' AND a.payment_url IS NOT NULL) AS pending
           FROM orders o LEFT JOIN payment_attempts a ON a.order_id = o.id
          WHERE o.cart_id IN (${marks}) GROUP BY o.id`,
      )
      .all(...ids) as { token: string; attempts: number; pending: number }[];
    orders += rows.length;
    pendingAttempts += rows.filter((r) => r.attempts === 1 && r.pending === 1).length;
    firstToken ??= rows[0]?.token ?? null;
    const full = new Set(db.select({ id: cartItems.cartId }).from(cartItems).where(inArray(cartItems.cartId, ids)).all().map((r) => r.id));
    emptiedCarts += ids.length - full.size;
  }
  return {
    ok: orders === cartIds.length && pendingAttempts === cartIds.length && emptiedCarts === cartIds.length,
    orders,
    pendingAttempts,
    emptiedCarts,
    firstToken,
  };
}
