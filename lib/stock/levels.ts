// What the shop tells a shopper about stock, and the shape of "not enough left". Pure and free of
// the database, so client components (the product form, the cart, the checkout form) import it.
import { MAX_QUANTITY } from "@/lib/cart/quantity-bounds";

/** At or below this many units the shop says "only N left". */
export const LOW_STOCK_THRESHOLD = 5;

export type StockLevel = { kind: "soldOut" } | { kind: "low"; left: number } | { kind: "plenty" };

export function stockLevel(stock: number): StockLevel {
  if (stock <= 0) return { kind: "soldOut" };
  return stock <= LOW_STOCK_THRESHOLD ? { kind: "low", left: stock } : { kind: "plenty" };
}

/** The most one line may hold: the cart's bound, or fewer when fewer are left. */
export const maxOrderable = (stock: number) => Math.max(0, Math.min(MAX_QUANTITY, stock));

/** A line that cannot be had in full: what was asked for and how many are left to reserve now. */
export interface StockShortfall {
  productId: number;
  name: string;
  wanted: number;
  left: number;
}
