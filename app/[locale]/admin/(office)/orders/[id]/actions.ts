"use server";

// Order detail actions. adminAction checks the session first and says who acts (each lib
// function writes its activity entry); nothing from the form is trusted
// but two ids, and only through their order. Check Status answers with a message key
// (lib/admin/check-status-message.ts); the form words it in the staff member's language. Resend
// queues a new outbox row for the same email (lib/admin/emails.ts) and answers whether it did.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ResendEmailResult } from "@/components/admin/order-emails";
import { adminAction } from "@/lib/admin/admin-action";
import { checkStatusAsStaff } from "@/lib/admin/check-status";
import type { CheckStatusMessage } from "@/lib/admin/check-status-message";
import { resendEmail } from "@/lib/admin/emails";
import { markEventReviewed } from "@/lib/admin/orders";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const checkStatusInput = z.object({ orderId: id, attemptId: id });
const markReviewedInput = z.object({ orderId: id, eventId: id });
const resendEmailInput = z.object({ orderId: id, outboxId: id });

export const checkStatusAction = adminAction(
  { action: "order.check_status", role: "staff", input: checkStatusInput },
  async ({ orderId, attemptId }, by): Promise<CheckStatusMessage> => {
    const result = await checkStatusAsStaff(orderId, attemptId, by);
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
    return result;
  },
  { ok: false, key: "notFound" },
);

export const markReviewedAction = adminAction(
  { action: "order.event_reviewed", role: "staff", input: markReviewedInput },
  async ({ orderId, eventId }, by) => {
    await markEventReviewed(orderId, eventId, by);
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
  },
);

export const resendEmailAction = adminAction(
  { action: "order.email_resent", role: "staff", input: resendEmailInput },
  async ({ orderId, outboxId }, by): Promise<ResendEmailResult> => {
    if (!(await resendEmail(orderId, outboxId, by))) return "notFound";
    // The new queued row on the order page, and the orders page's count of unsent emails.
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
    return "queued";
  },
  "notFound",
);
