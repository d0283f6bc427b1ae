"use server";
// Order detail actions. Each checks the session itself first, then trusts nothing from the form
// but two ids, and only through their order.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { describeCheckStatus, type CheckStatusMessage } from "@/lib/admin/check-status-message";
import { findAttemptForOrder, markEventReviewed } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/auth/guard";
import { checkAttemptStatus } from "@/lib/payments/check-status";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const checkStatusInput = z.object({ orderId: id, attemptId: id });
const markReviewedInput = z.object({ orderId: id, eventId: id });

export async function checkStatusAction(formData: FormData): Promise<CheckStatusMessage> {
  await requireAdmin();
  const input = checkStatusInput.safeParse({ orderId: formData.get("orderId"), attemptId: formData.get("attemptId") });
  if (!input.success) return { ok: false, message: "That payment attempt was not found." };
  const { orderId, attemptId } = input.data;
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
}

export async function markReviewedAction(formData: FormData): Promise<void> {
  await requireAdmin();
  const input = markReviewedInput.safeParse({ orderId: formData.get("orderId"), eventId: formData.get("eventId") });
  if (!input.success) return;
  await markEventReviewed(input.data.orderId, input.data.eventId);
  revalidatePath(`/admin/orders/${input.data.orderId}`);
  revalidatePath("/admin");
}
