// What the merchant reads after pressing "Check status with DOKU": DOKU's answer and what the
// shop did with it, in one short sentence, from the typed result (never from outcome text).
import type { CheckStatusOutcome } from "@/lib/payments/check-status";
import type { TransitionResult } from "@/lib/payments/transitions";

export interface CheckStatusMessage {
  ok: boolean;
  message: string;
}

function describeResult(result: TransitionResult): string {
  switch (result.kind) {
    case "no_change":
      return "still waiting for the shopper, nothing changed";
    case "duplicate":
      return "already recorded, nothing changed";
    case "ignored":
      return `nothing changed (the attempt is ${result.attemptStatus ?? "missing"})`;
    case "applied":
      if (result.to === "paid") return result.order === "already_paid" ? "order was already paid by another attempt — flagged for review" : "order paid";
      if (result.order === "superseded") return `attempt marked ${result.to}; a newer attempt owns the order, which is unchanged`;
      if (result.order === "unchanged") return `attempt marked ${result.to}; the order is unchanged`;
      return result.to === "refunded" ? "order refunded" : `order marked ${result.to}`;
  }
}

const FAILURE: Record<Exclude<Extract<CheckStatusOutcome, { ok: false }>["reason"], "recently_checked">, string> = {
  network: "Could not reach DOKU (network error). Nothing changed; try again.",
  timeout: "DOKU did not answer in time. Nothing changed; try again.",
  http: "DOKU answered with an error.",
  bad_signature: "DOKU's answer had an invalid signature. Nothing changed; the exchange is flagged for review.",
  bad_response: "DOKU's answer could not be understood. Nothing changed.",
  payment_failed: "DOKU reported a failure. Nothing changed.",
  invalid_request: "The shop could not build a valid request. Nothing changed.",
  mismatch: "DOKU's answer did not match this attempt's invoice or amount. Nothing changed; the exchange is flagged for review.",
  unrecognised_status: "DOKU answered with a status the shop has no rule for. Nothing changed; the exchange is flagged for review.",
  unknown_attempt: "That payment attempt no longer exists.",
};

export function describeCheckStatus(outcome: CheckStatusOutcome): CheckStatusMessage {
  if (outcome.ok) return { ok: true, message: `DOKU says ${outcome.providerStatus} — ${describeResult(outcome.result)}` };
  if (outcome.reason === "recently_checked") {
    const seconds = Math.ceil(outcome.retryAfterMs / 1000);
    return { ok: false, message: `DOKU was asked about this attempt moments ago. Nothing changed; try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.` };
  }
  const base = FAILURE[outcome.reason];
  return { ok: false, message: outcome.httpStatus && outcome.reason === "http" ? `DOKU answered HTTP ${outcome.httpStatus}. Nothing changed.` : base };
}
