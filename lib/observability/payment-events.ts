// The payment core's spans and counts: each notification (verdict, outcome, invoice), each state
// transition, each email send. The core calls these in a line; what is recorded is decided here.
import type { InboundVerdict } from "@/lib/payments/provider";
import type { TransitionResult } from "@/lib/payments/transitions";
import { metrics, outcomeClass } from "./metrics";
import { inSpan, linksTo } from "./tracing";

/** The notification's verdict as a bounded label: verified, too_large, or why it was refused. */
export function verdictLabel(verdict: InboundVerdict | null): string {
  if (verdict === null) return "too_large";
  return verdict.ok ? "verified" : verdict.reason;
}

/**
 * Runs one notification in a span; `receive` reports the verdict as soon as it has one, and the
 * answer's outcome becomes the span's attribute and the counter's label.
 */
export function observeNotification<A extends { status: number; body: { outcome: string } }>(
  receive: (noteVerdict: (verdict: InboundVerdict | null) => void) => Promise<A>,
): Promise<A> {
  return inSpan("doku.notification", {}, async (span) => {
    let verdict: InboundVerdict | null = null;
    const answer = await receive((v) => {
      verdict = v;
      span.setAttributes({
        "notification.verdict": verdictLabel(v),
        ...(v?.headers.requestId ? { "doku.request_id": v.headers.requestId } : {}),
        ...(v?.ok
          ? { "payment.invoice": v.update.invoice, "doku.status": v.update.providerStatus }
          : {}),
      });
    });
    span.setAttributes({
      "notification.outcome": answer.body.outcome,
      "http.response.status_code": answer.status,
    });
    const m = metrics();
    m.notifications.inc({
      verdict: verdictLabel(verdict),
      outcome: outcomeClass(answer.body.outcome),
    });
    const refused = verdict as InboundVerdict | null;
    if (
      refused &&
      !refused.ok &&
      (refused.reason === "signature" || refused.signatureValid === false)
    )
      m.signatureFailures.inc({ source: "notification" });
    return answer;
  });
}

/** One transition of an attempt (notification, Check Status, reconciler, shopper's cancel). */
export function observeTransition(
  attempt: { id: number; orderId: number },
  to: string,
  move: () => Promise<TransitionResult>,
): Promise<TransitionResult> {
  return inSpan(
    "payment.transition",
    { "payment.attempt_id": attempt.id, "order.id": attempt.orderId, "payment.to": to },
    async (span) => {
      const result = await move();
      span.setAttributes({
        "payment.result": result.kind,
        ...(result.kind === "applied" ? { "order.change": result.order } : {}),
      });
      // Counted when made: a transaction that then fails to commit over-counts by one, which the
      // database-read gauges never do.
      if (result.kind === "applied") metrics().payments.inc({ outcome: result.to });
      return result;
    },
  );
}

/**
 * One try at sending an outbox row: a trace of its own (the sender runs on a timer, later and
 * maybe on another instance), linked to the span whose transaction queued the email.
 */
export function observeEmailSend<R extends string | null>(
  row: { id: number; kind: string; traceContext: string | null },
  send: () => Promise<R>,
): Promise<R> {
  return inSpan(
    "email.send",
    { "email.outbox_id": row.id, "email.kind": row.kind },
    async (span) => {
      const result = await send();
      span.setAttribute("email.result", result ?? "taken_by_another_sender");
      if (result) metrics().emails.inc({ kind: row.kind, status: result });
      return result;
    },
    { root: true, links: linksTo(row.traceContext) },
  );
}
