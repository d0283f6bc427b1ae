// Stock reservations. products.stock counts the units available to reserve right now: placing an
// order takes its units (one conditional UPDATE per product, `stock >= q`, so it never goes below
// zero), and orders.stock_state says what the order has done with them since. Every move of that
// state is one conditional UPDATE (`WHERE stock_state = …`) in the transaction it is given, so
// each reserve, sale and release happens once however many deliveries race for it.
import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db/connection";
import { orderItems, orders, products, type StockState } from "@/lib/db/schema";
import type { StockShortfall } from "./levels";

export type { StockShortfall };

export interface StockLine {
  productId: number;
  quantity: number;
}

export type Reservation = { ok: true } | { ok: false; short: StockShortfall[] };

/** One line per product, in product id order: PostgreSQL then locks rows in one order, never deadlocking. */
function byProduct(lines: readonly StockLine[]): StockLine[] {
  const total = new Map<number, number>();
  for (const { productId, quantity } of lines)
    if (quantity > 0) total.set(productId, (total.get(productId) ?? 0) + quantity);
  return [...total]
    .sort(([a], [b]) => a - b)
    .map(([productId, quantity]) => ({ productId, quantity }));
}

async function giveBack(tx: Tx, lines: readonly StockLine[]): Promise<void> {
  for (const line of byProduct(lines)) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.quantity}` })
      .where(eq(products.id, line.productId));
  }
}

/**
 * The lines there are not enough units for right now (a read; nothing is taken). After a failed
 * take, `failed` is listed whatever the read says: a release may have landed since.
 */
export async function findShortfalls(
  tx: Tx,
  lines: readonly StockLine[],
  failed?: number,
): Promise<StockShortfall[]> {
  const wanted = byProduct(lines);
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({ id: products.id, name: products.name, stock: products.stock })
    .from(products)
    .where(
      inArray(
        products.id,
        wanted.map((l) => l.productId),
      ),
    );
  const found = new Map(rows.map((r) => [r.id, r]));
  return wanted.flatMap((line) => {
    const row = found.get(line.productId);
    const left = row?.stock ?? 0;
    return left < line.quantity || line.productId === failed
      ? [{ productId: line.productId, name: row?.name ?? "", wanted: line.quantity, left }]
      : [];
  });
}

/**
 * Takes every line's units, or none of them: a line without enough left gives back what the lines
 * before it took, and the answer says which products fall short and how many are left.
 */
export async function reserveLines(tx: Tx, lines: readonly StockLine[]): Promise<Reservation> {
  const wanted = byProduct(lines);
  const taken: StockLine[] = [];
  for (const line of wanted) {
    const rows = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(and(eq(products.id, line.productId), gte(products.stock, line.quantity)))
      .returning({ id: products.id });
    if (rows.length === 0) {
      await giveBack(tx, taken);
      return { ok: false, short: await findShortfalls(tx, wanted, line.productId) };
    }
    taken.push(line);
  }
  return { ok: true };
}

/** The product lines of an order, from its item snapshot. */
export async function orderLines(tx: Tx, orderId: number): Promise<StockLine[]> {
  const rows = await tx
    .select({ productId: orderItems.productId, quantity: orderItems.quantity })
    .from(orderItems)
    .where(
      and(
        eq(orderItems.orderId, orderId),
        eq(orderItems.kind, "product"),
        isNotNull(orderItems.productId),
      ),
    )
    .orderBy(asc(orderItems.productId));
  return rows.flatMap((r) =>
    r.productId === null ? [] : [{ productId: r.productId, quantity: r.quantity }],
  );
}

async function moveState(
  tx: Tx,
  orderId: number,
  from: StockState,
  to: StockState,
): Promise<boolean> {
  const rows = await tx
    .update(orders)
    .set({ stockState: to })
    .where(and(eq(orders.id, orderId), eq(orders.stockState, from)))
    .returning({ id: orders.id });
  return rows.length === 1;
}

/** Paid: the units the order holds are sold (they already left products.stock). */
export function consumeOrder(tx: Tx, orderId: number): Promise<boolean> {
  return moveState(tx, orderId, "reserved", "sold");
}

/** Failed, expired or cancelled: the units the order holds go back on sale. */
export async function releaseOrder(tx: Tx, orderId: number): Promise<boolean> {
  if (!(await moveState(tx, orderId, "reserved", "released"))) return false;
  await giveBack(tx, await orderLines(tx, orderId));
  return true;
}

export type Retake =
  { kind: "taken" } | { kind: "short"; short: StockShortfall[] } | { kind: "not_released" };

/**
 * An order that gave its units back takes them again: `reserved` for pay again, `sold` for a
 * payment that arrived after the release. If any are missing nothing is taken and the order stays
 * released; the caller decides whether to roll back (pay again) or to flag it (a late payment).
 */
export async function retakeOrder(
  tx: Tx,
  orderId: number,
  to: "reserved" | "sold",
): Promise<Retake> {
  if (!(await moveState(tx, orderId, "released", to))) return { kind: "not_released" };
  const reservation = await reserveLines(tx, await orderLines(tx, orderId));
  if (reservation.ok) return { kind: "taken" };
  await moveState(tx, orderId, to, "released");
  return { kind: "short", short: reservation.short };
}

/** Thrown inside a transaction so that all of it rolls back when units are missing; says which. */
export class NotEnoughStock extends Error {
  override name = "NotEnoughStock";
  constructor(readonly items: StockShortfall[]) {
    super(
      `not enough stock: ${items.map((i) => `product ${i.productId} wanted ${i.wanted}, ${i.left} left`).join("; ")}`,
    );
  }
}

/** A transaction's value, or the NotEnoughStock that rolled it back. */
export function orNotEnoughStock<T>(transaction: Promise<T>): Promise<T | NotEnoughStock> {
  return transaction.catch((error: unknown) => {
    if (error instanceof NotEnoughStock) return error;
    throw error;
  });
}
