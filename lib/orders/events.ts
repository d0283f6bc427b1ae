// payment_events is the audit log of every exchange with DOKU, in and out. Rows are written in
// the same transaction as the state change they caused.
import type { DokuExchange } from "@/lib/doku/client";
import { paymentEvents, type EventKind } from "@/lib/db/schema";
import type { Tx } from "./transitions";

export interface ExchangeEvent {
  kind: Exclude<EventKind, "notification">;
  exchange: DokuExchange;
  orderId: number | null;
  attemptId: number | null;
  outcome: string;
  flagged?: boolean;
}

export function recordExchange(tx: Tx, event: ExchangeEvent): number {
  const { exchange } = event;
  const row = tx
    .insert(paymentEvents)
    .values({
      kind: event.kind,
      direction: "out",
      orderId: event.orderId,
      attemptId: event.attemptId,
      requestId: exchange.requestId,
      method: exchange.method,
      url: exchange.url,
      httpStatus: exchange.status,
      signatureValid: exchange.signatureValid,
      signatureCheck: exchange.signatureCheck,
      requestHeaders: exchange.requestHeaders,
      requestBody: exchange.requestBody,
      responseHeaders: exchange.responseHeaders,
      responseBody: exchange.responseBody,
      durationMs: exchange.durationMs,
      outcome: event.outcome,
      flagged: event.flagged ?? false,
      createdAt: exchange.startedAt,
    })
    .returning({ id: paymentEvents.id })
    .get();
  return row.id;
}
