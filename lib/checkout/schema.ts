// The one checkout schema: react-hook-form validates with it in the browser, the server action
// validates the same input with it again (the browser is never trusted). Pure: no server-only.
import { z } from "zod";

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

const required = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be at most ${max} characters`);

function capitalise(s: string): string {
  return s.replace(/^(your |the |a )/, "").replace(/^./, (c) => c.toUpperCase());
}

const phone = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .transform((value, ctx) => {
      const normalized = normalizeIndonesianPhone(value);
      if (!normalized) {
        ctx.addIssue({ code: "custom", message: `Enter an Indonesian mobile number, e.g. 0812 3456 7890` });
        return z.NEVER;
      }
      return normalized;
    });

const postalCode = z
  .string({ error: "Enter the postal code" })
  .trim()
  .regex(/^\d{5}$/, "Postal code must be 5 digits");

const optionalName = z
  .string()
  .trim()
  .max(100, "Last name must be at most 100 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const addressSchema = z.object({
  address: required("the street address", 200),
  city: required("the city", 100),
  postalCode,
  phone: phone("a phone number for the courier"),
});

const billingSchema = addressSchema.extend({
  firstName: required("the first name", 100),
  lastName: optionalName,
  phone: phone("the billing phone number"),
});

const customerSchema = z.object({
  firstName: required("your first name", 100),
  lastName: optionalName,
  email: z
    .string({ error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Email must be at most 254 characters")
    .pipe(z.email("Enter a valid email address, like name@example.com")),
  phone: phone("your mobile number"),
  shipping: addressSchema,
});

// A union on the checkbox, so that every field (billing included) is validated in one pass and
// errors appear together. The form always holds billing fields, hidden while "same as
// shipping" is ticked; those are then dropped, never validated or stored.
export const checkoutSchema = z.discriminatedUnion("billingSameAsShipping", [
  customerSchema.extend({
    billingSameAsShipping: z.literal(true),
    billing: z.unknown().optional().transform(() => undefined),
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

/** zod issues as `{ "shipping.city": "Enter the city" }`: one message per field, the first. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    out[key] ??= issue.message;
  }
  return out;
}
