// The shopper back from Kredivo (callback_url). Opening it changes nothing by itself, and it never
// keeps the shopper waiting on DOKU: Check Status is asked only once the attempt is as old as DOKU
// asks (60 s after payment; RECONCILE_MIN_AGE_MS), and the answer is waited for at most a moment.
// A slower answer is still recorded and applied when it comes; the order page refreshes itself
// until a notification, that answer or the reconciler settles the order.
import "server-only";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";
import { checkAttemptStatus } from "@/lib/payments/check-status";
import { pendingAttemptForToken } from "./queries";

/** The longest the return waits for DOKU before showing the order page. */
export const RETURN_WAIT_MS = 2_000;

export type ReturnCheck = "not_pending" | "too_early" | "answered" | "still_asking";

export async function checkOnReturn(token: string, now = new Date()): Promise<ReturnCheck> {
  const pending = await pendingAttemptForToken(token);
  if (!pending) return "not_pending";
  if (now.getTime() - pending.createdAt.getTime() < env().RECONCILE_MIN_AGE_MS) return "too_early";
  const asked = checkAttemptStatus(pending.attemptId).then(
    () => "answered" as const,
    (error: unknown) => {
      logError({ event: "shopper.return.check_status_failed", error: String(error) });
      return "answered" as const;
    },
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<"still_asking">(
    (resolve) => (timer = setTimeout(() => resolve("still_asking"), RETURN_WAIT_MS)),
  );
  try {
    return await Promise.race([asked, waited]);
  } finally {
    clearTimeout(timer);
  }
}
