// Turns a saved order into DOKU's generate-order body. Pure: the same snapshot that the order
// page shows is what DOKU is asked to charge, and Σ price × quantity = amount by construction.
import type { PostalAddress } from "@/lib/db/schema";
import type { AttemptRefs, OrderSnapshot } from "@/lib/payments/provider";
import type { GenerateOrderRequest } from "./schemas";

function address(a: PostalAddress) {
  return {
    first_name: a.firstName,
    ...(a.lastName ? { last_name: a.lastName } : {}),
    address: a.address,
    city: a.city,
    postal_code: a.postalCode,
    phone: a.phone,
    country_code: a.countryCode,
  };
}

export function buildGenerateOrderRequest(
  order: OrderSnapshot,
  attempt: Pick<AttemptRefs, "invoiceNumber" | "merchantUniqueReference">,
  /** `expiryMinutes`: how long the Kredivo link, and so the order's hold on stock, lasts (PAYMENT_EXPIRY_MINUTES). */
  options: { appBaseUrl: string; expiryMinutes: number; overrideNotificationUrl?: string },
): GenerateOrderRequest {
  const base = options.appBaseUrl;
  const orderUrl = `${base}/orders/${order.publicToken}`;
  return {
    order: {
      invoice_number: attempt.invoiceNumber,
      amount: order.total,
      callback_url: `${orderUrl}/return`,
      callback_url_cancel: `${orderUrl}/cancel`,
      line_items: order.items.map((item) => ({
        // Kredivo's convention: a fee line is identified by id, here `shippingfee` per seller.
        id: item.kind === "shipping" ? "shippingfee" : item.sku,
        name: item.name,
        price: item.unitPrice,
        quantity: item.quantity,
        type: item.itemType,
        url: item.productSlug ? `${base}/products/${item.productSlug}` : orderUrl,
        ...(item.imagePath ? { image_url: `${base}${item.imagePath}` } : {}),
        ...(item.sellerId ? { parent_type: "SELLER" as const, parent_id: item.sellerId } : {}),
      })),
    },
    peer_to_peer_info: {
      merchant_unique_reference: attempt.merchantUniqueReference,
      expired_time: options.expiryMinutes,
    },
    sellers: order.sellers.map((s) => ({
      id: s.id,
      name: s.name,
      email: s.email,
      url: base,
      address: { city: s.city, country_code: "IDN" },
    })),
    customer: {
      first_name: order.customer.firstName,
      ...(order.customer.lastName ? { last_name: order.customer.lastName } : {}),
      phone: order.customer.phone,
      email: order.customer.email,
    },
    shipping_address: address(order.shippingAddress),
    billing_address: address(order.billingAddress),
    ...(options.overrideNotificationUrl
      ? { additional_info: { override_notification_url: options.overrideNotificationUrl } }
      : {}),
  };
}
