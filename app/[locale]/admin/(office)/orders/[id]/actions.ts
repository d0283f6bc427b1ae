"use server";

// Order detail actions. adminAction checks the session first; nothing from the form is trusted
// but two ids, and only through their order. Check Status answers with a message key
// (lib/admin/check-status-message.ts); the form words it in the staff member's language. Resend
// queues a new outbox row for the same email (lib/admin/emails.ts) and answers whether it did.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ResendEmailResult } from "@/components/admin/order-emails";
import { adminAction } from "@/lib/admin/admin-action";
import { describeCheckStatus, type CheckStatusMessage } from "@/lib/admin/check-status-message";
import { resendEmail } from "@/lib/admin/emails";
import { findAttemptForOrder, markEventReviewed } from "@/lib/admin/orders";
import { checkAttemptStatus } from "@/lib/payments/check-status";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const checkStatusInput = z.object({ orderId: id, attemptId: id });
const markReviewedInput = z.object({ orderId: id, eventId: id });
const resendEmailInput = z.object({ orderId: id, outboxId: id });

export const checkStatusAction = adminAction(
  { action: "order.check_status", role: "staff", input: checkStatusInput },
  async ({ orderId, attemptId }): Promise<CheckStatusMessage> => {
    const attempt = await findAttemptForOrder(orderId, attemptId);
    if (!attempt) return { ok: false, key: "notThisOrder" };

    let result: CheckStatusMessage;
    try {
      result = describeCheckStatus(await checkAttemptStatus(attempt.id));
    } catch (error) {
      console.error("admin check status failed", { attemptId: attempt.id, error });
      result = { ok: false, key: "unexpected" };
    }
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
    return result;
  },
  { ok: false, key: "notFound" },
);

export const markReviewedAction = adminAction(
  { action: "order.event_reviewed", role: "staff", input: markReviewedInput },
  async ({ orderId, eventId }) => {
    await markEventReviewed(orderId, eventId);
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
  },
);

export const resendEmailAction = adminAction(
  { action: "order.email_resent", role: "staff", input: resendEmailInput },
  async ({ orderId, outboxId }): Promise<ResendEmailResult> => {
    if (!(await resendEmail(orderId, outboxId))) return "notFound";
    // The new queued row on the order page, and the orders page's count of unsent emails.
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
    return "queued";
  },
  "notFound",
);
