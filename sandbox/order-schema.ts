// The generate-order request body, field by field from DOKU's Kredivo reference table, typed
// strictly (a number sent as a string is refused) so that anything accepted here is something
// DOKU would accept too. Unknown extra fields are allowed: DOKU ignores them.
import { z } from "zod";
import { isHttpUrl } from "./config";

const MAX_12_DIGITS = 999_999_999_999;

// Messages are phrased to follow the field path: "<path> is required", "<path> must be …".
const messages: z.core.$ZodErrorMap = (iss) => {
  if (iss.input === undefined) return "is required";
  switch (iss.code) {
    case "invalid_type":
      return `must be ${typeName(iss.expected)}`;
    case "too_big":
      if (iss.origin === "string") return `must be at most ${iss.maximum} characters`;
      if (iss.origin === "array") return `must have at most ${iss.maximum} items`;
      return `must be at most ${iss.maximum}`;
    case "too_small":
      if (iss.origin === "string")
        return iss.minimum === 1
          ? "must not be empty"
          : `must be at least ${iss.minimum} characters`;
      if (iss.origin === "array") return `must have at least ${iss.minimum} item(s)`;
      return `must be at least ${iss.minimum}`;
    case "invalid_value":
      return `must be one of ${iss.values.map(String).join(", ")}`;
    case "invalid_format":
      return iss.format === "email" ? "must be a valid email address" : `has an invalid format`;
    default:
      return undefined;
  }
};

function typeName(expected: string): string {
  if (expected === "int") return "an integer";
  if (/^[aeiou]/.test(expected)) return `an ${expected}`;
  return `a ${expected}`;
}

/** A mandatory string: present, a string, not blank, at most `max` characters. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim() !== "", "must not be empty");
const optionalText = (max: number) => z.string().max(max).optional();
const httpUrl = z.string().refine(isHttpUrl, "must be an absolute http(s) URL");

/** Integers with a message that names the rule rather than a JS safe-integer limit. */
const integer = (min: number, max: number, rangeMessage: string) =>
  z
    .int({
      error: (iss) =>
        iss.input === undefined
          ? "is required"
          : iss.code === "invalid_type"
            ? "must be an integer"
            : rangeMessage,
    })
    .min(min, rangeMessage)
    .max(max, rangeMessage);

const phoneDigits = z
  .string()
  .regex(/^\d+$/, "must contain digits only ({calling code}{number}, e.g. 6281122334455)")
  .max(16, "must be at most 16 digits");

const countryCode = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code such as IDN");

const address = z.looseObject({
  first_name: text(255),
  last_name: optionalText(255),
  address: text(400),
  city: text(255),
  postal_code: text(16),
  phone: text(32),
  country_code: countryCode,
});

const lineItem = z.looseObject({
  name: text(255),
  price: integer(-MAX_12_DIGITS, MAX_12_DIGITS, "must have at most 12 digits"),
  quantity: integer(1, 9999, "must be between 1 and 9999"),
  id: text(255),
  type: text(255),
  url: httpUrl,
  image_url: httpUrl.optional(),
  parent_type: z.enum(["SELLER", "ITEM"]).optional(),
  parent_id: optionalText(255),
});

const seller = z.looseObject({
  id: optionalText(255),
  name: optionalText(255),
  email: z.email().max(400).optional(),
  url: httpUrl.optional(),
  legal_id: optionalText(255),
  address: z
    .looseObject({
      first_name: optionalText(255),
      last_name: optionalText(255),
      address: optionalText(400),
      city: optionalText(255),
      postal_code: optionalText(16),
      phone: optionalText(32),
      country_code: countryCode.optional(),
    })
    .optional(),
});

export const generateOrderSchema = z.looseObject({
  order: z.looseObject({
    invoice_number: text(64),
    line_items: z.array(lineItem).min(1),
    amount: integer(1, MAX_12_DIGITS, "must be a positive integer of at most 12 digits"),
    callback_url: httpUrl,
    callback_url_cancel: httpUrl.optional(),
  }),
  peer_to_peer_info: z.looseObject({
    expired_time: integer(1, 99_999, "must be between 1 and 99999 minutes").optional(),
    merchant_unique_reference: text(64),
  }),
  customer: z.looseObject({
    first_name: text(255),
    last_name: optionalText(255),
    phone: phoneDigits,
    email: z.email().max(400),
  }),
  // Required for goods only ("excluding ticket/voucher"): checked below, once the items are known.
  shipping_address: address.optional(),
  // Every billing field is optional on DOKU's page.
  billing_address: address.partial().optional(),
  sellers: z.array(seller).optional(),
  additional_info: z.looseObject({ override_notification_url: httpUrl.optional() }).optional(),
});

/** Line item types that ship nothing; fee lines (shipping, admin fee, discount) do not count. */
export const DIGITAL_ITEM_TYPES = new Set(["DIGITAL", "VOUCHER", "TICKET", "EBOOK", "E-BOOK"]);
const FEE_ITEM_IDS = new Set([
  "shippingfee",
  "adminfee",
  "discount",
  "additionalfee",
  "taxfee",
  "insurancefee",
]);

/** True when some line item is a good that must be shipped. */
export function shipsGoods(items: { id: string; type: string }[]): boolean {
  return items.some(
    (item) => !FEE_ITEM_IDS.has(item.id) && !DIGITAL_ITEM_TYPES.has(item.type.toUpperCase()),
  );
}

export type GenerateOrderRequest = z.infer<typeof generateOrderSchema>;
export type LineItem = GenerateOrderRequest["order"]["line_items"][number];

/** `order.line_items[0].price`: the dotted path a merchant developer can search for. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "body" : out;
}

export type Validation = { ok: true; data: GenerateOrderRequest } | { ok: false; message: string };

/**
 * Full validation of a parsed body: the field table first (reporting the first failing field
 * in schema order), then the rules that span fields.
 */
export function validateGenerateOrder(json: unknown, notificationUrl: string): Validation {
  const parsed = generateOrderSchema.safeParse(json, { error: messages });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    if (!first) return { ok: false, message: "body is invalid" };
    return { ok: false, message: `${fieldPath(first.path)} ${first.message}` };
  }
  const data = parsed.data;

  // BigInt: 12-digit prices times 4-digit quantities can pass Number.MAX_SAFE_INTEGER.
  const sum = data.order.line_items.reduce(
    (acc, item) => acc + BigInt(item.price) * BigInt(item.quantity),
    0n,
  );
  if (sum !== BigInt(data.order.amount)) {
    return {
      ok: false,
      message: `order.amount must equal the sum of order.line_items price × quantity (${sum}), got ${data.order.amount}`,
    };
  }

  if (!data.shipping_address && shipsGoods(data.order.line_items)) {
    return {
      ok: false,
      message:
        "shipping_address is required when the order has goods to ship (only a ticket or voucher order may leave it out)",
    };
  }

  // DOKU lets the override change the host only; the path stays the one set in Back Office.
  const override = data.additional_info?.override_notification_url;
  if (override !== undefined) {
    const expected = new URL(notificationUrl).pathname;
    if (new URL(override).pathname !== expected) {
      return {
        ok: false,
        message: `additional_info.override_notification_url must keep the configured notification path ${expected}`,
      };
    }
  }
  return { ok: true, data };
}
