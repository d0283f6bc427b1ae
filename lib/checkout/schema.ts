// The one checkout schema: react-hook-form validates with it in the browser, the server action
// validates the same input with it again (the browser is never trusted). Pure: no server-only.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";

// zod 4 probes for `new Function` to speed up object parsing; under our Content-Security-Policy
// (no 'unsafe-eval') that probe is a CSP violation in the browser, where the interpreter is
// enough. The server keeps the fast path (the setting is global to the process).
if (typeof window !== "undefined") z.config({ jitless: true });

/**
 * Indonesian mobile numbers as shoppers type them (08…, +628…, 628…, with spaces or dashes),
 * normalised to the `{calling code}{number}` form DOKU wants: 628…
 */
export function normalizeIndonesianPhone(input: string): string | null {
  const compact = input.replace(/[\s\-().]/g, "");
  const match = /^(?:\+?62|0)(8\d{7,12})$/.exec(compact);
  return match ? `62${match[1]}` : null;
}

// ---- Messages --------------------------------------------------------------------------------
// Every message below is a key under shop.checkout.errors (messages/*/shop.json), typed so that a
// key missing from the messages fails `npm run typecheck`. The form and the server action's field
// errors both put them into the shopper's language. The copy repeats the limits (60, 100, 200,
// 254 characters; 5 digits): change both together.

type FieldErrorMessages = Messages["shop"]["checkout"]["errors"];
/** A message key under shop.checkout.errors, e.g. "firstName.required". */
export type CheckoutErrorKey = MessageKeys<FieldErrorMessages, NestedKeyOf<FieldErrorMessages>>;

const usedKeys = new Set<string>(["invalid"]);
/** The key as zod's message, remembered so fieldErrors can tell ours from zod's own texts. */
function key(k: CheckoutErrorKey): CheckoutErrorKey {
  usedKeys.add(k);
  return k;
}

export function isCheckoutErrorKey(value: string): value is CheckoutErrorKey {
  return usedKeys.has(value);
}

type RequiredField = "address" | "city";

const required = (field: RequiredField, max: number) =>
  z
    .string({ error: key(`${field}.required`) })
    .trim()
    .min(1, key(`${field}.required`))
    .max(max, key(`${field}.tooLong`));

/**
 * What a name is: letters and their marks of any script, spaces, apostrophes, dots and hyphens
 * ("Nguyễn Thị Ánh", "O'Neil", "Jean-Luc", "M. Rizky"). The first name greets the shopper in
 * every email, and checkout mails whatever address is typed: no digits, "@", "/" or ":" keeps a
 * stranger from putting a phone number or a link in the shop's email. The shape is checked
 * before the length, so a message typed into the field is told what a name may hold.
 */
export const NAME_MAX = 60;
// Two linear tests rather than one pattern that backtracks on a long, almost-valid input.
const NAME_CHARS = /^[\p{L}\p{M}' ’.\-]+$/u;
// A dot straight before a letter is how a domain is written ("bit.ly"); in a name a space follows it ("M. Rizky").
const isName = (value: string) =>
  NAME_CHARS.test(value) && /\p{L}/u.test(value) && !/\.[\p{L}\p{M}]/u.test(value);

const name = (field: "firstName" | "billingFirstName") =>
  z
    .string({ error: key(`${field}.required`) })
    .trim()
    .min(1, key(`${field}.required`))
    .refine(isName, key("name.invalid"))
    .max(NAME_MAX, key(`${field}.tooLong`));

const phone = (field: "phone" | "courierPhone" | "billingPhone") =>
  z
    .string({ error: key(`${field}.required`) })
    .trim()
    .min(1, key(`${field}.required`))
    .transform((value, ctx) => {
      const normalized = normalizeIndonesianPhone(value);
      if (!normalized) {
        ctx.addIssue({ code: "custom", message: key("phone.invalid") });
        return z.NEVER;
      }
      return normalized;
    });

const postalCode = z
  .string({ error: key("postalCode.required") })
  .trim()
  .regex(/^\d{5}$/, key("postalCode.invalid"));

const optionalName = z
  .string({ error: key("invalid") })
  .trim()
  .refine((v) => v === "" || isName(v), key("name.invalid"))
  .max(NAME_MAX, key("lastName.tooLong"))
  .optional()
  .transform((v) => (v ? v : undefined));

export const addressSchema = z.object({
  address: required("address", 200),
  city: required("city", 100),
  postalCode,
  phone: phone("courierPhone"),
});

const billingSchema = addressSchema.extend({
  firstName: name("billingFirstName"),
  lastName: optionalName,
  phone: phone("billingPhone"),
});

const customerSchema = z.object({
  firstName: name("firstName"),
  lastName: optionalName,
  email: z
    .string({ error: key("email.required") })
    .trim()
    .min(1, key("email.required"))
    .max(254, key("email.tooLong"))
    .pipe(z.email(key("email.invalid"))),
  phone: phone("phone"),
  shipping: addressSchema,
});

// A union on the checkbox, so that every field (billing included) is validated in one pass and
// errors appear together. The form always holds billing fields, hidden while "same as
// shipping" is ticked; those are then dropped, never validated or stored.
export const checkoutSchema = z.discriminatedUnion("billingSameAsShipping", [
  customerSchema.extend({
    billingSameAsShipping: z.literal(true),
    billing: z
      .unknown()
      .optional()
      .transform(() => undefined),
  }),
  customerSchema.extend({
    billingSameAsShipping: z.literal(false),
    billing: billingSchema,
  }),
]);

/** The form's shape: the checkbox is a plain boolean and billing fields are always present. */
export type CheckoutInput = z.input<typeof customerSchema> & {
  billingSameAsShipping: boolean;
  billing?: Partial<z.input<typeof billingSchema>>;
};
export type CheckoutDetails = z.output<typeof checkoutSchema>;

/** A field's path (`shipping.city`) to the key of its message (`city.required`). */
export type CheckoutFieldErrors = Record<string, CheckoutErrorKey>;

/**
 * zod issues as `{ "shipping.city": "city.required" }`: one message key per field, the first.
 * An issue zod worded itself (a value of the wrong type, say) becomes the generic "invalid".
 */
export function fieldErrors(error: z.ZodError): CheckoutFieldErrors {
  const out: CheckoutFieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    out[path] ??= isCheckoutErrorKey(issue.message) ? issue.message : "invalid";
  }
  return out;
}
