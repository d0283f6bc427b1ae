"use server";

// The refund panel's actions (components/admin/refund-panel.tsx). adminAction checks the session
// and the role first: staff cancel unpaid orders; owners cancel paid ones, record refunds and
// confirm them. Each answers what happened or the errors by field (lib/refunds/refund-schema.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { cancelPaidOrder, cancelUnpaidOrder } from "@/lib/orders/cancel";
import {
  checkReason,
  checkReference,
  parseRefundForm,
  refundFormInput,
  type RefundActionResult,
} from "@/lib/refunds/refund-schema";
import { confirmRefund, requestRefund } from "@/lib/refunds/requests";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const cancelInput = z.object({ orderId: id, reason: z.string().optional() });
const confirmInput = z.object({ orderId: id, refundId: id, reference: z.string().optional() });
const INVALID: RefundActionResult = { ok: false, errors: { form: "invalid" } };

function refresh(orderId: number) {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin");
}

export const cancelUnpaidAction = adminAction(
  { action: "order.cancelled", role: "staff", input: cancelInput },
  async ({ orderId, reason }, by): Promise<RefundActionResult> => {
    const checked = checkReason(reason ?? "");
    if ("error" in checked) return { ok: false, errors: { reason: checked.error } };
    const result = await cancelUnpaidOrder(orderId, checked.reason, by);
    refresh(orderId);
    return result;
  },
  INVALID,
);

export const cancelPaidAction = adminAction(
  { action: "order.cancelled", role: "owner", input: cancelInput },
  async ({ orderId, reason }, by): Promise<RefundActionResult> => {
    const checked = checkReason(reason ?? "");
    if ("error" in checked) return { ok: false, errors: { reason: checked.error } };
    const result = await cancelPaidOrder(orderId, checked.reason, by);
    refresh(orderId);
    return result;
  },
  INVALID,
);

export const requestRefundAction = adminAction(
  { action: "order.refund_requested", role: "owner", input: refundFormInput },
  async (fields, by): Promise<RefundActionResult> => {
    const parsed = parseRefundForm(fields);
    if (!parsed.ok) return parsed;
    const result = await requestRefund(parsed.form, by);
    refresh(parsed.form.orderId);
    return result.ok ? { ok: true, done: "requested" } : result;
  },
  INVALID,
);

export const confirmRefundAction = adminAction(
  { action: "order.refund_confirmed", role: "owner", input: confirmInput },
  async ({ orderId, refundId, reference }, by): Promise<RefundActionResult> => {
    const checked = checkReference(reference ?? "");
    if ("error" in checked) return { ok: false, errors: { reference: checked.error } };
    const result = await confirmRefund(orderId, refundId, checked.reference, by);
    refresh(orderId);
    return result.ok ? { ok: true, done: "confirmed" } : result;
  },
  INVALID,
);
