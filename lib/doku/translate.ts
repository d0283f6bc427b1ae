// DOKU's words → the payment core's: a transaction status becomes a neutral PaymentStatus, and a
// notification or a Check Status answer becomes one PaymentUpdate. Pure.
import type { PaymentStatus, PaymentUpdate } from "@/lib/payments/provider";
import { kredivoOrderId, type DokuNotification } from "./schemas";

const STATUSES: Record<string, PaymentStatus> = {
  SUCCESS: "paid",
  FAILED: "failed",
  EXPIRED: "expired",
  REFUNDED: "refunded",
  PENDING: "pending",
};

/** DOKU's `transaction.status`, read without regard to case. */
export function paymentStatus(dokuStatus: string): PaymentStatus | "unrecognised" {
  return STATUSES[dokuStatus.toUpperCase()] ?? "unrecognised";
}

/** A notification's body and a Check Status answer share this envelope (lib/doku/schemas.ts). */
export function paymentUpdate(
  body: Pick<DokuNotification, "order" | "transaction" | "peer_to_peer_info">,
): PaymentUpdate {
  const providerStatus = body.transaction.status.toUpperCase();
  return {
    invoice: body.order.invoice_number,
    amount: body.order.amount,
    status: paymentStatus(providerStatus),
    providerStatus,
    providerRef: kredivoOrderId(body.peer_to_peer_info),
  };
}
