// The item snapshot of an order: one row per product line and one per seller's shipping fee,
// copied from the priced cart so later catalogue changes never rewrite a placed order. Pure.
import type { PricedCart } from "@/lib/cart/pricing";
import type { orderItems } from "@/lib/db/schema";

export function orderItemRows(
  orderId: number,
  cart: PricedCart,
): (typeof orderItems.$inferInsert)[] {
  return [
    ...cart.lines.map((line) => ({
      orderId,
      kind: "product" as const,
      productId: line.product.id,
      sellerId: line.product.seller.id,
      name: line.product.name,
      sku: line.product.sku,
      itemType: line.product.category,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
    })),
    ...cart.shipping.map((s) => ({
      orderId,
      kind: "shipping" as const,
      productId: null,
      sellerId: s.sellerId,
      name: `Shipping from ${s.sellerName}`,
      sku: `SHIP-${s.sellerId}`,
      itemType: "SHIPPING",
      unitPrice: s.fee,
      quantity: 1,
      lineTotal: s.fee,
    })),
  ];
}
