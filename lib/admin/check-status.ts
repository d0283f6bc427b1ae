// "Check status with DOKU" as staff press it: the attempt must be the order's, DOKU's answer is
// applied (lib/payments/check-status.ts) and worded as a message key, and the press is an activity
// entry with that outcome. The check is an HTTP call and its own transactions, not one to join,
// so the entry is written after the answer, saying what it was.
import "server-only";
import { recordActivity } from "@/lib/activity/record";
import { transaction } from "@/lib/db/client";
import { checkAttemptStatus } from "@/lib/payments/check-status";
import type { ActedBy } from "./admin-action";
import { describeCheckStatus, type CheckStatusMessage } from "./check-status-message";
import { findAttemptForOrder } from "./orders";

export async function checkStatusAsStaff(
  orderId: number,
  attemptId: number,
  by: ActedBy,
): Promise<CheckStatusMessage> {
  const attempt = await findAttemptForOrder(orderId, attemptId);
  // Another order's attempt: nothing was checked, so there is nothing to record.
  if (!attempt) return { ok: false, key: "notThisOrder" };

  let result: CheckStatusMessage;
  try {
    result = describeCheckStatus(await checkAttemptStatus(attempt.id));
  } catch (error) {
    console.error("admin check status failed", { attemptId: attempt.id, error });
    result = { ok: false, key: "unexpected" };
  }
  await transaction((tx) =>
    recordActivity(tx, {
      actor: by.staff,
      action: "order.check_status",
      subject: { type: "order", id: orderId },
      // The message's key and values: the Activity page words the same sentence the form showed.
      after: {
        attempt: attempt.invoiceNumber,
        result: result.key,
        ...result.values,
        ...result.statuses,
      },
      clientAddress: by.clientAddress,
    }),
  );
  return result;
}
