// What the payment core needs from a paylater provider, in neutral words. lib/doku implements it
// for DOKU × Kredivo (lib/doku/provider.ts); lib/channels.ts says which provider the shop uses.
// Nothing here knows a DOKU field name or status string.
import type { PostalAddress } from "@/lib/db/schema";

/** Where a provider says a payment stands. */
export type PaymentStatus = "paid" | "failed" | "expired" | "refunded" | "pending";

/** One verified statement from the provider about one payment attempt. */
export interface PaymentUpdate {
  invoice: string;
  /** Integer rupiah, as the provider states it; compared with the attempt's own amount. */
  amount: number;
  /** `unrecognised`: a status the core has no rule for; recorded and acknowledged, never applied. */
  status: PaymentStatus | "unrecognised";
  /** The provider's own word for the status, for the audit log. */
  providerStatus: string;
  /** The provider's reference for the payment (Kredivo's order id), when it gives one. */
  providerRef: string | null;
}

/** A request the shop made and the answer it got, for the audit log; never a secret. */
export interface Exchange {
  requestId: string;
  method: "GET" | "POST";
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  /** null when there was no response to verify. */
  signatureValid: boolean | null;
  signatureCheck: unknown;
  startedAt: Date;
  durationMs: number;
}

/** Why a call to the provider gave no usable answer. */
export type CallFailureKind =
  | "network"
  | "timeout"
  | "http"
  | "bad_signature"
  | "bad_response"
  | "payment_failed"
  | "invalid_request";

export type ProviderCall<T> =
  /** `verified` is false only when the shop is set to follow unverified answers (and flag them). */
  | { ok: true; value: T; verified: boolean; exchange: Exchange }
  | {
      ok: false;
      kind: CallFailureKind;
      /** For the merchant: what went wrong, precisely. */
      reason: string;
      httpStatus: number | null;
      /** null when nothing was sent (our own request failed validation). */
      exchange: Exchange | null;
    };

/** What the shop tells the provider about an order it wants paid. */
export interface OrderSnapshot {
  publicToken: string;
  customer: { firstName: string; lastName?: string | null; email: string; phone: string };
  shippingAddress: PostalAddress;
  billingAddress: PostalAddress;
  total: number;
  items: {
    kind: "product" | "shipping";
    sku: string;
    name: string;
    itemType: string;
    unitPrice: number;
    quantity: number;
    sellerId: string | null;
    productSlug?: string | null;
    imagePath?: string | null;
  }[];
  sellers: { id: string; name: string; email: string; city: string }[];
}

export interface AttemptRefs {
  invoiceNumber: string;
  merchantUniqueReference: string;
  requestId: string;
}

export interface StartedPayment {
  paymentUrl: string;
  providerRef: string | null;
  expiresAt: Date | null;
}

/** What an inbound notification's headers said, as stored (clipped, signature redacted). */
export interface InboundHeaders {
  requestId: string | null;
  stored: Record<string, string>;
}

export type InboundVerdict =
  | { ok: true; requestId: string; update: PaymentUpdate; headers: InboundHeaders }
  | {
      ok: false;
      status: 400 | 401;
      reason: string;
      message: string;
      headers: InboundHeaders;
      /** Set once the signature was checked: a valid signature on a bad body needs a human. */
      signatureValid: boolean | null;
    };

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface PaymentProvider {
  startPayment(order: OrderSnapshot, attempt: AttemptRefs): Promise<ProviderCall<StartedPayment>>;
  checkStatus(invoiceNumber: string): Promise<ProviderCall<PaymentUpdate>>;
  /** Verifies a notification over its bytes as received and translates it; no database. */
  readNotification(rawBytes: Uint8Array, headers: HeaderSource): InboundVerdict;
}
