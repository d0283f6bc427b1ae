// DOKU → merchant HTTP notifications: signed once, then the same bytes re-sent on DOKU's retry
// schedule until a 2xx. Every attempt is logged with the merchant's answer, because the log is
// what a developer reads when their handler misbehaves.
import { randomUUID } from "node:crypto";
import { dokuTimestamp, signRequest } from "../lib/doku/signature";
import type { NotificationModes } from "./faults";
import type {
  DeliveryAttempt,
  EnvelopeShape,
  NotificationStatus,
  OrderStatus,
  OutgoingNotification,
  SandboxOrder,
  SandboxState,
} from "./state";

/** Retries after the FIRST attempt (not after the previous one), before time scaling. */
export const RETRY_OFFSETS_MS = [30 * 60_000, 6 * 3_600_000, 12 * 3_600_000] as const;
const ATTEMPT_TIMEOUT_MS = 10_000;
const LOGGED_BODY_LIMIT = 2048;

/** The envelope shared by notifications and check status. */
export function transactionEnvelope(
  order: SandboxOrder,
  // A Check Status fault may answer with a word DOKU never documented (check-status.ts).
  status: OrderStatus | "ON_HOLD",
  date: Date,
  shape: EnvelopeShape = "full",
): Record<string, unknown> {
  if (shape === "sparse") {
    // What DOKU may also send, as it publishes no Kredivo sample: optional fields null or left
    // out, and fields nobody has seen before. Only the invoice, amount and status are there for sure.
    return {
      service: null,
      order: {
        invoice_number: order.invoiceNumber,
        amount: order.amount,
        currency: "IDR",
        session_id: null,
      },
      transaction: { status, date: null, type: "SALE" },
      peer_to_peer_info: null,
      additional_info: { origin: { source: "sandbox", system: "sparse" } },
    };
  }
  return {
    service: { id: "PEER_TO_PEER" },
    acquirer: { id: "KREDIVO" },
    channel: { id: "PEER_TO_PEER_KREDIVO" },
    order: { invoice_number: order.invoiceNumber, amount: order.amount },
    transaction: {
      status,
      date: dokuTimestamp(date),
      original_request_id: order.requestId,
    },
    peer_to_peer_info: {
      merchant_unique_reference: order.merchantUniqueReference,
      identifier: [{ name: "KREDIVO_ORDER_ID", value: order.kredivoOrderId }],
    },
  };
}

/** Request-Target of a notification is the merchant's own path, not DOKU's. */
export function signNotification(
  n: { clientId: string; requestId: string; timestamp: string; url: string; body: string },
  secretKey: string,
): string {
  return signRequest(
    {
      clientId: n.clientId,
      requestId: n.requestId,
      requestTimestamp: n.timestamp,
      requestTarget: new URL(n.url).pathname,
      body: n.body,
    },
    secretKey,
  );
}

export interface NotifierOptions {
  state: SandboxState;
  clientId: string;
  secretKey: string;
  timeScale: number;
  log: (line: string) => void;
}

export class Notifier {
  constructor(private readonly o: NotifierOptions) {}

  /**
   * Creates and starts one notification. Resolves when its first attempt has finished (after
   * the delay, when a delay mode postpones it); retries continue in the background.
   */
  send(order: SandboxOrder, status: NotificationStatus, modes: NotificationModes): Promise<void> {
    const { state } = this.o;
    const now = state.now();
    const body = JSON.stringify(transactionEnvelope(order, status, now, state.envelopeShape));
    const requestId = randomUUID();
    const timestamp = dokuTimestamp(now);
    // tampered-signature: a valid-looking signature over a body that was never sent.
    const signedBody = modes.tampered
      ? JSON.stringify(
          transactionEnvelope(
            { ...order, amount: order.amount + 1 },
            status,
            now,
            state.envelopeShape,
          ),
        )
      : body;
    const notification: OutgoingNotification = {
      requestId,
      invoiceNumber: order.invoiceNumber,
      status,
      url: order.notificationUrl,
      body,
      timestamp,
      signature: signNotification(
        {
          clientId: this.o.clientId,
          requestId,
          timestamp,
          url: order.notificationUrl,
          body: signedBody,
        },
        this.o.secretKey,
      ),
      tampered: modes.tampered,
      copies: modes.copies,
      dropRemaining: modes.drop,
      attempts: 0,
      acknowledged: false,
      nextAttemptAt: null,
    };
    state.notifications.push(notification);

    if (modes.delayMs > 0) {
      notification.nextAttemptAt = new Date(Date.now() + modes.delayMs).toISOString();
      return new Promise((resolve) => {
        state.schedule(() => void this.run(notification, 1).then(resolve), modes.delayMs);
      });
    }
    return this.run(notification, 1);
  }

  private async run(
    n: OutgoingNotification,
    attempt: number,
    firstStartedAt?: number,
  ): Promise<void> {
    const signal = this.o.state.signal;
    if (signal.aborted) return;
    // Retries are timed from the first attempt, as DOKU documents, not from the previous one.
    const startedAt = firstStartedAt ?? Date.now();
    n.nextAttemptAt = null;
    n.attempts = attempt;
    const acknowledged = await this.attempt(n, attempt, signal);
    if (signal.aborted) return;
    if (acknowledged) {
      n.acknowledged = true;
      return;
    }
    const offset = RETRY_OFFSETS_MS[attempt - 1];
    if (offset === undefined) return; // DOKU gives up after the third retry.
    const dueAt = startedAt + offset / this.o.timeScale;
    n.nextAttemptAt = new Date(dueAt).toISOString();
    this.o.state.schedule(() => void this.run(n, attempt + 1, startedAt), dueAt - Date.now());
  }

  private async attempt(
    n: OutgoingNotification,
    attempt: number,
    signal: AbortSignal,
  ): Promise<boolean> {
    if (n.dropRemaining > 0) {
      n.dropRemaining -= 1;
      this.log(n, attempt, 1, {
        dropped: true,
        httpStatus: null,
        responseBody: null,
        error: null,
        durationMs: 0,
      });
      return false;
    }
    const copies = Array.from({ length: n.copies }, (_, i) => this.post(n, attempt, i + 1, signal));
    const results = await Promise.all(copies);
    return results.some(Boolean);
  }

  private async post(
    n: OutgoingNotification,
    attempt: number,
    copy: number,
    lifecycle: AbortSignal,
  ): Promise<boolean> {
    const started = Date.now();
    try {
      const response = await fetch(n.url, {
        method: "POST",
        headers: {
          "Client-Id": this.o.clientId,
          "Request-Id": n.requestId,
          "Request-Timestamp": n.timestamp,
          Signature: n.signature,
          "Content-Type": "application/json",
        },
        body: n.body,
        redirect: "manual",
        signal: AbortSignal.any([lifecycle, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      const text = await response.text();
      if (lifecycle.aborted) return false;
      const ok = response.status >= 200 && response.status < 300;
      this.log(n, attempt, copy, {
        dropped: false,
        httpStatus: response.status,
        responseBody: text.slice(0, LOGGED_BODY_LIMIT),
        error: null,
        durationMs: Date.now() - started,
        acknowledged: ok,
      });
      return ok;
    } catch (error) {
      if (lifecycle.aborted) return false;
      this.log(n, attempt, copy, {
        dropped: false,
        httpStatus: null,
        responseBody: null,
        error: describeError(error),
        durationMs: Date.now() - started,
      });
      return false;
    }
  }

  private log(
    n: OutgoingNotification,
    attempt: number,
    copy: number,
    result: Pick<
      DeliveryAttempt,
      "dropped" | "httpStatus" | "responseBody" | "error" | "durationMs"
    > & {
      acknowledged?: boolean;
    },
  ): void {
    const { acknowledged = false, ...outcome } = result;
    const answer = outcome.dropped
      ? "dropped (not sent)"
      : outcome.error
        ? `error: ${outcome.error}`
        : `HTTP ${outcome.httpStatus}${acknowledged ? " (acknowledged)" : ""}`;
    this.o.log(
      `[notification] ${n.status} ${n.invoiceNumber} attempt ${attempt}${n.copies > 1 ? ` copy ${copy}` : ""}` +
        `${n.tampered ? " tampered" : ""} Request-Id ${n.requestId} → ${n.url}: ${answer}`,
    );
    this.o.state.deliveries.push({
      requestId: n.requestId,
      invoiceNumber: n.invoiceNumber,
      status: n.status,
      attempt,
      copy,
      url: n.url,
      at: new Date(Date.now() - outcome.durationMs).toISOString(),
      acknowledged,
      duplicate: copy > 1,
      tampered: n.tampered,
      ...outcome,
    });
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${detail}`;
  }
  return String(error);
}
