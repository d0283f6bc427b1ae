// The refund, cancel and confirm forms: what the browser checks before sending and the server
// actions check again (the browser is never trusted). Every error is a key under
// admin.refunds.errors, worded in the owner's language by the form. Pure: the client form imports it.
import { z } from "zod";
import type { RefundLine } from "@/lib/db/schema/values";
import type { RefundField, RefundPlanError } from "./refundable";

// zod 4 probes for `new Function` to speed up object parsing; under the Content-Security-Policy
// (no 'unsafe-eval') that probe is a violation in the browser, where the interpreter is enough.
if (typeof window !== "undefined") z.config({ jitless: true });

export const REASON_MAX = 500;
export const REFERENCE_MAX = 128;
/** Twelve digits: DOKU's own limit on an amount. */
const AMOUNT_MAX = 999_999_999_999;

export type RefundFormError =
  | RefundPlanError
  | "quantity.invalid"
  | "adjustment.invalid"
  | "reason.required"
  | "reason.tooLong"
  | "reference.required"
  | "reference.tooLong"
  | "stale"
  | "notPaid"
  | "notFound"
  | "alreadyDone"
  | "notUnpaid"
  | "paidNeedsOwner"
  | "shipped"
  | "alreadyCancelled"
  | "invalid";

export type RefundFormField = RefundField | "reason" | "reference" | "form";
export type RefundFieldErrors = Partial<Record<RefundFormField, RefundFormError>>;

export interface RefundForm {
  orderId: number;
  full: boolean;
  lines: RefundLine[];
  adjustment: number;
  reason: string;
  restock: boolean;
  /** How many refunds the order had when the form was shown: a second submit finds one more. */
  seen: number;
}

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** What the server action lets through to parseRefundForm: the ids, and every other field as text. */
export const refundFormInput = z.looseObject({ orderId: id });

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Whole rupiah as typed: thousands separators (dots, commas, spaces) allowed, a sign for the adjustment. */
export function parseRupiah(raw: string, signed: boolean): number | null {
  const cleaned = raw.replace(/[\s.,]/g, "");
  if (cleaned === "") return 0;
  if (!(signed ? /^[-+]?\d{1,12}$/ : /^\d{1,12}$/).test(cleaned)) return null;
  const value = Number(cleaned);
  return Math.abs(value) <= AMOUNT_MAX ? value : null;
}

export function checkReason(raw: string): { reason: string } | { error: RefundFormError } {
  const reason = raw.trim();
  if (reason.length === 0) return { error: "reason.required" };
  if (reason.length > REASON_MAX) return { error: "reason.tooLong" };
  return { reason };
}

/** The refund form's fields (`qty-<orderItemId>` per line), parsed; or the errors by field. */
export function parseRefundForm(
  fields: Record<string, unknown>,
): { ok: true; form: RefundForm } | { ok: false; errors: RefundFieldErrors } {
  const errors: RefundFieldErrors = {};
  const orderId = id.safeParse(fields.orderId);
  const seen = z.coerce.number().int().min(0).max(100_000).safeParse(fields.seen);
  if (!orderId.success || !seen.success) return { ok: false, errors: { form: "invalid" } };
  const full = text(fields.mode) === "full";
  const lines: RefundLine[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const match = /^qty-([1-9][0-9]{0,14})$/.exec(name);
    if (!match) continue;
    const field = name as `qty-${number}`;
    const typed = text(value).trim();
    if (typed === "") continue;
    if (!/^\d{1,4}$/.test(typed)) {
      errors[field] = "quantity.invalid";
      continue;
    }
    if (Number(typed) > 0) lines.push({ orderItemId: Number(match[1]), quantity: Number(typed) });
  }
  const adjustment = full ? 0 : parseRupiah(text(fields.adjustment), true);
  if (adjustment === null) errors.adjustment = "adjustment.invalid";
  const reason = checkReason(text(fields.reason));
  if ("error" in reason) errors.reason = reason.error;
  if (Object.keys(errors).length > 0 || adjustment === null || "error" in reason)
    return { ok: false, errors };
  return {
    ok: true,
    form: {
      orderId: orderId.data,
      full,
      lines: full ? [] : lines,
      adjustment,
      reason: reason.reason,
      restock: fields.restock === "on" || fields.restock === "true",
      seen: seen.data,
    },
  };
}

/** The owner's confirmation that DOKU made a requested refund: DOKU's reference for it. */
export function checkReference(raw: string): { reference: string } | { error: RefundFormError } {
  const reference = raw.trim();
  if (reference.length === 0) return { error: "reference.required" };
  if (reference.length > REFERENCE_MAX) return { error: "reference.tooLong" };
  return { reference };
}

/** What the refund, confirm and cancel actions answer. */
export type RefundActionResult =
  | { ok: true; done: "requested" | "confirmed" | "cancelled" | "cancelledAndRefund" }
  | { ok: false; errors: RefundFieldErrors };
