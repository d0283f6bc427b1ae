// A valid generate-order body, built the way the checkout builds one, for tests to vary.
import { randomUUID } from "node:crypto";
import type { GenerateOrderRequest } from "@/lib/doku/schemas";

export function orderBody(
  overrides: { invoice?: string; callbackBase?: string; notificationUrl?: string } = {},
): GenerateOrderRequest {
  const invoice = overrides.invoice ?? `INV-TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
  const base = overrides.callbackBase ?? "http://localhost:3000";
  const customer = {
    first_name: "Anton",
    last_name: "Budiman",
    phone: "6281234567890",
    email: "anton@example.com",
  };
  const address = {
    first_name: "Anton",
    last_name: "Budiman",
    address: "Jalan Teknologi No. 25",
    city: "Jakarta Selatan",
    postal_code: "12960",
    phone: "6281234567890",
    country_code: "IDN",
  };
  return {
    order: {
      invoice_number: invoice,
      amount: 2 * 185_000 + 15_000,
      callback_url: `${base}/orders/tok/return`,
      callback_url_cancel: `${base}/orders/tok/cancel`,
      line_items: [
        {
          id: "BTK-001",
          name: "Batik Parang Shirt",
          price: 185_000,
          quantity: 2,
          type: "FASHION",
          url: `${base}/products/batik-parang-shirt`,
        },
        {
          id: "shippingfee",
          name: "Shipping",
          price: 15_000,
          quantity: 1,
          type: "SHIPPING",
          url: `${base}/cart`,
        },
      ],
    },
    peer_to_peer_info: { merchant_unique_reference: `MUR-${invoice}`, expired_time: 60 },
    customer,
    shipping_address: address,
    billing_address: address,
    ...(overrides.notificationUrl
      ? { additional_info: { override_notification_url: overrides.notificationUrl } }
      : {}),
  };
}

/** What a shopper types into the checkout form (lib/checkout/schema.ts), billing same as shipping. */
export const checkoutDetails = {
  firstName: "Rina",
  email: "rina@example.com",
  phone: "081311112222",
  shipping: {
    address: "Jl. Gejayan 7",
    city: "Sleman",
    postalCode: "55281",
    phone: "081311112222",
  },
  billingSameAsShipping: true,
};
