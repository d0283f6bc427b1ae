// Pricing a cart from catalogue rows: the only place line totals, shipping and the total are
// computed, for the cart page and for the order alike. Pure, integer rupiah.
import type { ProductType } from "@/lib/db/schema";
import { lineTotal, sum } from "@/lib/money";

export interface PricingProduct {
  id: number;
  slug: string;
  sku: string;
  name: string;
  price: number;
  type: ProductType;
  category: string;
  imagePath: string;
  seller: { id: string; name: string; shippingFee: number };
}

export interface PricedLine {
  product: PricingProduct;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface ShippingLine {
  sellerId: string;
  sellerName: string;
  fee: number;
}

export interface PricedCart {
  lines: PricedLine[];
  shipping: ShippingLine[];
  subtotal: number;
  shippingTotal: number;
  total: number;
  itemCount: number;
}

/** Flat shipping once per seller that ships something physical; digital goods ship free. */
export function priceCart(
  items: readonly { product: PricingProduct; quantity: number }[],
): PricedCart {
  const lines = items.map(({ product, quantity }) => ({
    product,
    quantity,
    unitPrice: product.price,
    lineTotal: lineTotal(product.price, quantity),
  }));
  const shipping = new Map<string, ShippingLine>();
  for (const { product } of lines) {
    if (product.type === "physical" && !shipping.has(product.seller.id)) {
      shipping.set(product.seller.id, {
        sellerId: product.seller.id,
        sellerName: product.seller.name,
        fee: product.seller.shippingFee,
      });
    }
  }
  const shippingLines = [...shipping.values()];
  const subtotal = sum(lines.map((l) => l.lineTotal));
  const shippingTotal = sum(shippingLines.map((s) => s.fee));
  return {
    lines,
    shipping: shippingLines,
    subtotal,
    shippingTotal,
    total: subtotal + shippingTotal,
    itemCount: sum(lines.map((l) => l.quantity)),
  };
}
