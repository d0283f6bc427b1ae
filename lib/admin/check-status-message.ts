// What the merchant reads after pressing "Check status with DOKU": DOKU's answer and what the
// shop did with it, in one short sentence, from the typed result (never from outcome text). The
// sentence itself is a message (admin.checkStatus.result in messages/<locale>/admin.json): this
// picks its key and values, and the form words it in the staff member's language.
import type { Messages } from "@/lib/i18n/messages";
import type { CheckStatusOutcome } from "@/lib/payments/check-status";
import type { TransitionResult } from "@/lib/payments/transitions";

type Texts = Messages["admin"]["checkStatus"];
/** A key of admin.checkStatus.result: a key missing from the messages fails the typecheck. */
export type CheckStatusKey = keyof Texts["result"];
/** A status the sentence names, worded by admin.checkStatus.status. */
export type CheckStatusWord = keyof Texts["status"];

export interface CheckStatusMessage {
  ok: boolean;
  key: CheckStatusKey;
  values?: { providerStatus?: string; seconds?: number; httpStatus?: number };
  /** The statuses the sentence names (`{to}`, `{attemptStatus}`), as codes for the words to translate. */
  statuses?: { to?: CheckStatusWord; attemptStatus?: CheckStatusWord };
}

/** The message's placeholders, its statuses worded by `word` (the form passes its translator). */
export function checkStatusValues(
  message: Pick<CheckStatusMessage, "values" | "statuses">,
  word: (status: CheckStatusWord) => string,
): Record<string, string | number> {
  const out: Record<string, string | number> = { ...message.values };
  for (const [name, status] of Object.entries(message.statuses ?? {}))
    if (status) out[name] = word(status);
  return out;
}

type ResultText = Pick<CheckStatusMessage, "key" | "statuses">;

function resultText(result: TransitionResult): ResultText {
  switch (result.kind) {
    case "no_change":
      return { key: "noChange" };
    case "duplicate":
      return { key: "duplicate" };
    case "ignored":
      return { key: "ignored", statuses: { attemptStatus: result.attemptStatus ?? "missing" } };
    case "applied":
      if (result.to === "paid")
        return { key: result.order === "already_paid" ? "alreadyPaid" : "orderPaid" };
      // A partial refund leaves the order paid, but DOKU's REFUNDED completed its refunds all the same.
      if (result.to === "refunded" && result.refunds?.ids.length) return { key: "orderRefunded" };
      if (result.order === "superseded") return { key: "superseded", statuses: { to: result.to } };
      if (result.order === "unchanged")
        return { key: "orderUnchanged", statuses: { to: result.to } };
      return result.to === "refunded"
        ? { key: "orderRefunded" }
        : { key: "orderMarked", statuses: { to: result.to } };
  }
}

const FAILURE: Record<
  Exclude<Extract<CheckStatusOutcome, { ok: false }>["reason"], "recently_checked">,
  CheckStatusKey
> = {
  network: "network",
  timeout: "timeout",
  http: "http",
  bad_signature: "badSignature",
  bad_response: "badResponse",
  payment_failed: "paymentFailed",
  invalid_request: "invalidRequest",
  mismatch: "mismatch",
  unrecognised_status: "unrecognisedStatus",
  unknown_attempt: "unknownAttempt",
};

export function describeCheckStatus(outcome: CheckStatusOutcome): CheckStatusMessage {
  if (outcome.ok)
    return {
      ok: true,
      ...resultText(outcome.result),
      values: { providerStatus: outcome.providerStatus },
    };
  if (outcome.reason === "recently_checked") {
    return {
      ok: false,
      key: "recentlyChecked",
      values: { seconds: Math.ceil(outcome.retryAfterMs / 1000) },
    };
  }
  if (outcome.reason === "http" && outcome.httpStatus)
    return { ok: false, key: "httpStatus", values: { httpStatus: outcome.httpStatus } };
  return { ok: false, key: FAILURE[outcome.reason] };
}
