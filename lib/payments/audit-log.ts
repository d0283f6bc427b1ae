// payment_events is the audit log of every exchange with the provider, in and out. Rows are
// written in the same transaction as the state change they caused.
import { alertFlaggedEvent, noteDokuCall } from "@/lib/alerts/triggers";
import type { Tx } from "@/lib/db/connection";
import { paymentEvents, type EventEffect, type EventKind } from "@/lib/db/schema";
import type { ResponseSignatureCheck } from "@/lib/doku/response-signature";
import { env } from "@/lib/env";
import type { Exchange } from "./provider";

export interface ExchangeEvent {
  kind: Exclude<EventKind, "notification">;
  exchange: Exchange;
  orderId: number | null;
  attemptId: number | null;
  outcome: string;
  /** What it did to the order, from the typed result (the shopper's timeline reads this). */
  effect?: EventEffect | null;
  flagged?: boolean;
}

export async function recordExchange(tx: Tx, event: ExchangeEvent): Promise<number> {
  const { exchange } = event;
  const [row] = await tx
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
      signatureCheck: exchange.signatureCheck as ResponseSignatureCheck | null,
      requestHeaders: exchange.requestHeaders,
      requestBody: exchange.requestBody,
      responseHeaders: exchange.responseHeaders,
      responseBody: exchange.responseBody,
      durationMs: exchange.durationMs,
      outcome: event.outcome,
      effect: event.effect ?? null,
      flagged: event.flagged ?? false,
      createdAt: exchange.startedAt,
    })
    .returning({ id: paymentEvents.id });
  // Alerts (lib/alerts): a flagged exchange, and DOKU's calls counted for a failing streak.
  await noteDokuCall(tx, exchange, env().ALERT_DOKU_FAILURES, exchange.startedAt);
  if (event.flagged) await alertFlaggedEvent(tx, { ...event, id: row!.id, orderId: event.orderId });
  return row!.id;
}
