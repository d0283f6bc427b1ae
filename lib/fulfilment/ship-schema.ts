// The ship (and correct) form's schema: the browser checks with it before sending and the server
// action checks again. Every error is a key under admin.parcels.errors, worded in the staff
// member's language by the form. Pure: the client form imports it.
import type { MessageKeys, NestedKeyOf } from "next-intl";
import { z } from "zod";
import type { Messages } from "@/lib/i18n/messages";
import {
  courierCodes,
  couriers,
  isHttpsUrl,
  normaliseTrackingNumber,
  TRACKING_NUMBER_MAX,
  TRACKING_URL_MAX,
  trackingNumberFits,
} from "./couriers";

// zod 4 probes for `new Function`; under the Content-Security-Policy that probe is a violation in
// the browser (see lib/admin/account-schema.ts).
if (typeof window !== "undefined") z.config({ jitless: true });

type ErrorMessages = Messages["admin"]["parcels"]["errors"];
/** A message key under admin.parcels.errors, e.g. "trackingNumber.shape". */
export type ParcelErrorKey = MessageKeys<ErrorMessages, NestedKeyOf<ErrorMessages>>;

const ownKeys = new Set<string>(["invalid"]);
function key(k: ParcelErrorKey): ParcelErrorKey {
  ownKeys.add(k);
  return k;
}

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const shipSchema = z
  .object({
    orderId: id,
    parcelId: id,
    courier: z.enum(courierCodes, { error: key("courier.required") }),
    trackingNumber: z
      .string({ error: key("trackingNumber.required") })
      // Longer than anything kept is refused before it is normalised: a 10 kB paste costs nothing.
      .max(TRACKING_NUMBER_MAX * 4, key("trackingNumber.tooLong"))
      .transform(normaliseTrackingNumber)
      .pipe(
        z
          .string()
          .min(1, key("trackingNumber.required"))
          .max(TRACKING_NUMBER_MAX, key("trackingNumber.tooLong")),
      ),
    trackingUrl: z
      .string()
      .max(TRACKING_URL_MAX, key("trackingUrl.tooLong"))
      .optional()
      .transform((v) => (v ?? "").trim()),
  })
  .superRefine((form, ctx) => {
    if (!trackingNumberFits(form.courier, form.trackingNumber)) {
      ctx.addIssue({
        code: "custom",
        path: ["trackingNumber"],
        message: key(
          couriers[form.courier].shape ? "trackingNumber.shape" : "trackingNumber.characters",
        ),
      });
    }
    if (form.courier === "other") {
      if (form.trackingUrl === "")
        ctx.addIssue({
          code: "custom",
          path: ["trackingUrl"],
          message: key("trackingUrl.required"),
        });
      else if (!isHttpsUrl(form.trackingUrl))
        ctx.addIssue({ code: "custom", path: ["trackingUrl"], message: key("trackingUrl.https") });
    }
  })
  // Only "other" keeps a URL: a listed courier's page is built from the code.
  .transform((form) => ({
    ...form,
    trackingUrl: form.courier === "other" ? form.trackingUrl : null,
  }));

export type ShipInput = z.output<typeof shipSchema>;
export type ShipField = "courier" | "trackingNumber" | "trackingUrl";
export type ShipFieldErrors = Partial<Record<ShipField, ParcelErrorKey>>;

/** zod's issues as one message key per field (the first); zod's own wording becomes "invalid". */
export function shipFieldErrors(error: z.ZodError): ShipFieldErrors {
  const out: ShipFieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (field !== "courier" && field !== "trackingNumber" && field !== "trackingUrl") continue;
    out[field] ??= ownKeys.has(issue.message) ? (issue.message as ParcelErrorKey) : "invalid";
  }
  return out;
}

/** Why a parcel action changed nothing, as a key under admin.parcels.refused. */
export type ParcelRefusal =
  | "notFound"
  | "orderNotPaid"
  | "orderCancelled"
  | "parcelCancelled"
  | "notAwaiting"
  | "notShipped"
  | "notDelivered";

export type ParcelActionResult =
  | { ok: true }
  | { ok: false; refused: ParcelRefusal }
  | { ok: false; fieldErrors: ShipFieldErrors };
