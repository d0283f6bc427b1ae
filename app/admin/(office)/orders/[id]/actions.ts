"use server";
// Order detail actions. adminAction checks the session first; nothing from the form is trusted
// but two ids, and only through their order.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { describeCheckStatus, type CheckStatusMessage } from "@/lib/admin/check-status-message";
import { findAttemptForOrder, markEventReviewed } from "@/lib/admin/orders";
import { checkAttemptStatus } from "@/lib/payments/check-status";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const checkStatusInput = z.object({ orderId: id, attemptId: id });
const markReviewedInput = z.object({ orderId: id, eventId: id });

export const checkStatusAction = adminAction(
  checkStatusInput,
  async ({ orderId, attemptId }): Promise<CheckStatusMessage> => {
    const attempt = await findAttemptForOrder(orderId, attemptId);
    if (!attempt) return { ok: false, message: "That payment attempt does not belong to this order." };

    let result: CheckStatusMessage;
    try {
      result = describeCheckStatus(await checkAttemptStatus(attempt.id));
    } catch (error) {
      console.error("admin check status failed", { attemptId: attempt.id, error });
      result = { ok: false, message: "Check status failed unexpectedly. Nothing changed; try again." };
    }
    revalidatePath(`/admin/orders/${orderId}`);
    revalidatePath("/admin");
    return result;
  },
  { ok: false, message: "That payment attempt was not found." },
);

export const markReviewedAction = adminAction(markReviewedInput, async ({ orderId, eventId }) => {
  await markEventReviewed(orderId, eventId);
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath("/admin");
});
