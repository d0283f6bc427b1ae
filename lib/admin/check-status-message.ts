// What the merchant reads after pressing "Check status with DOKU": DOKU's answer and what the
// shop did with it, in one short sentence.
import type { CheckStatusOutcome } from "@/lib/orders/check-status";

export interface CheckStatusMessage {
  ok: boolean;
  message: string;
}

function describeOutcome(outcome: string): string {
  if (outcome === "paid") return "order paid";
  if (outcome === "paid:order_already_paid") return "order was already paid by another attempt — flagged for review";
  if (outcome === "failed" || outcome === "expired") return `order marked ${outcome}`;
  if (outcome === "refunded") return "order refunded";
  if (outcome === "no_change:pending") return "still waiting for the shopper, nothing changed";
  const [head, tail] = outcome.split(":", 2);
  if (tail === "superseded_attempt") return `attempt marked ${head}; a newer attempt owns the order, which is unchanged`;
  if (tail === "order_unchanged") return `attempt marked ${head}; the order is unchanged`;
  if (head === "duplicate") return "already recorded, nothing changed";
  if (head === "ignored" && tail?.startsWith("attempt_")) return `nothing changed (the attempt is ${tail.slice("attempt_".length)})`;
  return outcome;
}

const FAILURE: Record<Exclude<Extract<CheckStatusOutcome, { ok: false }>["reason"], "recently_checked">, string> = {
  network: "Could not reach DOKU (network error). Nothing changed; try again.",
  timeout: "DOKU did not answer in time. Nothing changed; try again.",
  http: "DOKU answered with an error.",
  bad_signature: "DOKU's answer had an invalid signature. Nothing changed; the exchange is flagged for review.",
  bad_response: "DOKU's answer could not be understood. Nothing changed.",
  payment_failed: "DOKU reported a failure. Nothing changed.",
  mismatch: "DOKU's answer did not match this attempt's invoice or amount. Nothing changed; the exchange is flagged for review.",
  unknown_attempt: "That payment attempt no longer exists.",
};

export function describeCheckStatus(result: CheckStatusOutcome): CheckStatusMessage {
  if (result.ok) {
    return { ok: true, message: `DOKU says ${result.transactionStatus} — ${describeOutcome(result.result.outcome)}` };
  }
  if (result.reason === "recently_checked") {
    const seconds = Math.ceil(result.retryAfterMs / 1000);
    return { ok: false, message: `DOKU was asked about this attempt moments ago. Nothing changed; try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.` };
  }
  const base = FAILURE[result.reason] ?? `Check status failed: ${result.reason}`;
  return { ok: false, message: result.httpStatus && result.reason === "http" ? `DOKU answered HTTP ${result.httpStatus}. Nothing changed.` : base };
}
