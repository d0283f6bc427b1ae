// zod schemas for everything that crosses the DOKU boundary. Requests are typed strictly (we
// build them); responses and notifications are parsed leniently (DOKU may add fields at any
// time) but every field the app acts on is required.
import { z } from "zod";

// ---------------------------------------------------------------- generate-order request ----

const address = z.object({
  first_name: z.string().min(1).max(255),
  last_name: z.string().max(255).optional(),
  address: z.string().min(1).max(400),
  city: z.string().min(1).max(255),
  postal_code: z.string().min(1).max(16),
  phone: z.string().regex(/^\d{1,16}$/),
  country_code: z.string().regex(/^[A-Z]{3}$/),
});

export const lineItemSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
  /** Integer rupiah; negative only for a `discount` line. */
  price: z.number().int().min(-999_999_999_999).max(999_999_999_999),
  quantity: z.number().int().min(1).max(9999),
  type: z.string().min(1).max(64),
  url: z.url(),
  image_url: z.url().optional(),
  parent_type: z.enum(["SELLER", "ITEM"]).optional(),
  parent_id: z.string().min(1).max(64).optional(),
});

export const generateOrderRequestSchema = z
  .object({
    order: z.object({
      invoice_number: z.string().min(1).max(64),
      line_items: z.array(lineItemSchema).min(1),
      amount: z.number().int().positive().max(999_999_999_999),
      callback_url: z.url(),
      callback_url_cancel: z.url().optional(),
    }),
    peer_to_peer_info: z.object({
      merchant_unique_reference: z.string().min(1).max(64),
      expired_time: z.number().int().min(1).max(99_999).optional(),
    }),
    sellers: z
      .array(
        z.object({
          id: z.string().min(1),
          name: z.string().min(1),
          email: z.email().optional(),
          url: z.url().optional(),
          legal_id: z.string().optional(),
          address: address.partial().optional(),
        }),
      )
      .optional(),
    customer: z.object({
      first_name: z.string().min(1).max(255),
      last_name: z.string().max(255).optional(),
      phone: z.string().regex(/^\d{1,16}$/),
      email: z.email().max(400),
    }),
    shipping_address: address,
    billing_address: address.optional(),
    additional_info: z.object({ override_notification_url: z.url().optional() }).optional(),
  })
  .refine(
    (r) =>
      r.order.line_items.reduce((sum, li) => sum + li.price * li.quantity, 0) === r.order.amount,
    { message: "Σ(price × quantity) must equal order.amount", path: ["order", "amount"] },
  );

export type GenerateOrderRequest = z.infer<typeof generateOrderRequestSchema>;
export type LineItem = z.infer<typeof lineItemSchema>;

// ------------------------------------------------------------------------- responses ----

/** Integer rupiah, whether DOKU sends `30000` or `"30000"` (or `"30000.00"`). */
export const rupiahAmount = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.0+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().int().nonnegative().max(999_999_999_999));

const identifier = z.looseObject({ name: z.string(), value: z.string() });

export const generateOrderResponseSchema = z.looseObject({
  order: z.looseObject({
    invoice_number: z.string().min(1),
    amount: rupiahAmount,
  }),
  payment: z.looseObject({
    status: z.enum(["PENDING", "FAILED"]),
    url: z.url().nullish(),
  }),
  // Only the payment URL is acted on; the rest may be missing or null.
  peer_to_peer_info: z
    .looseObject({
      identifier: z.array(identifier).nullish(),
      expired_date: z.string().nullish(),
      expired_date_utc: z.string().nullish(),
      created_date_utc: z.string().nullish(),
      merchant_unique_reference: z.string().nullish(),
    })
    .nullish(),
});

export type GenerateOrderResponse = z.infer<typeof generateOrderResponseSchema>;

export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    type: z.string().optional(),
  }),
});

/**
 * Shared by the HTTP notification and the Check Status answer. DOKU publishes no Kredivo
 * notification sample, so only what the app acts on is required (invoice, amount, status); every
 * other field may be missing or `null`, and unknown fields are accepted and left out of the result
 * (z.object strips): nothing reads them, and the raw body is kept verbatim in payment_events.
 */
const paymentEnvelope = z.object({
  order: z.object({
    invoice_number: z.string().min(1).max(64),
    amount: rupiahAmount,
  }),
  transaction: z.object({
    status: z.string().min(1),
    date: z.string().nullish(),
    original_request_id: z.string().nullish(),
  }),
  peer_to_peer_info: z
    .object({
      merchant_unique_reference: z.string().nullish(),
      identifier: z
        .array(z.looseObject({ name: z.string().nullish(), value: z.string().nullish() }))
        .nullish(),
    })
    .nullish(),
});

/**
 * DOKU documents PENDING, SUCCESS, FAILED, EXPIRED and REFUNDED; any other status is still parsed,
 * so that the payment core records and flags it (`unrecognised`) instead of taking a signed answer
 * for a DOKU failure and backing the reconciler off.
 */
export const checkStatusResponseSchema = paymentEnvelope;
export type CheckStatusResponse = z.infer<typeof checkStatusResponseSchema>;

/**
 * Notifications settle with SUCCESS or FAILED; any other status is still parsed (and answered
 * 2xx by the route) so that DOKU never retries, then disables, an endpoint over an event we
 * merely ignore.
 */
export const notificationSchema = paymentEnvelope;
export type DokuNotification = z.infer<typeof notificationSchema>;

/** The Kredivo order id DOKU passes through in `peer_to_peer_info.identifier`. */
const WIB_OFFSET = "+07:00";

/**
 * When the Kredivo link expires, from generate-order's answer. DOKU's table gives `expired_date`
 * as `yyyyMMddHHmmss` in Jakarta time, and `expired_date_utc` as the same "UTC+7"; its sample
 * prints `_utc` as Jakarta's clock time with a `Z`. So `expired_date` is read first, as WIB, and
 * `_utc` only when it is missing: compact as WIB, ISO as written.
 */
export function paymentExpiry(
  info: { expired_date?: string | null; expired_date_utc?: string | null } | null | undefined,
): Date | null {
  const compact = (value: string) => {
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
    return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${WIB_OFFSET}`) : null;
  };
  const valid = (date: Date | null) => (date && !Number.isNaN(date.getTime()) ? date : null);
  if (info?.expired_date) {
    const fromWib = valid(compact(info.expired_date));
    if (fromWib) return fromWib;
  }
  const utc = info?.expired_date_utc;
  if (!utc) return null;
  return valid(compact(utc)) ?? (/^\d{4}-\d{2}-\d{2}T/.test(utc) ? valid(new Date(utc)) : null);
}

export function kredivoOrderId(
  info:
    { identifier?: { name?: string | null; value?: string | null }[] | null } | null | undefined,
): string | null {
  return info?.identifier?.find((i) => i.name === "KREDIVO_ORDER_ID")?.value ?? null;
}
