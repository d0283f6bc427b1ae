// Everything the sandbox remembers, in memory. One object so that reset and close have a single
// place to forget orders, cached responses, deliveries, faults, emails and pending timers.
import type { Fault } from "./faults";
import { Mailbox } from "./mailbox";
import type { GenerateOrderRequest } from "./order-schema";
import { WebhookInbox } from "./webhooks";

export type OrderStatus = "PENDING" | "SUCCESS" | "FAILED" | "EXPIRED" | "REFUNDED";
export type NotificationStatus = "SUCCESS" | "FAILED";
export type Tenor = "30d" | "3m" | "6m" | "12m";

export interface SandboxOrder {
  invoiceNumber: string;
  amount: number;
  status: OrderStatus;
  /** Request-Id of the generate-order call; check status accepts it in place of the invoice. */
  requestId: string;
  merchantUniqueReference: string;
  kredivoOrderId: string;
  /** Kredivo page token; null when generate-order answered FAILED (no payment page). */
  token: string | null;
  paymentUrl: string | null;
  callbackUrl: string;
  callbackUrlCancel: string | null;
  notificationUrl: string;
  createdAt: Date;
  expiresAt: Date;
  /** When the status last changed (paid, declined, expired, refunded). */
  statusChangedAt: Date | null;
  tenor: Tenor | null;
  request: GenerateOrderRequest;
}

/** One notification: retries re-send these exact bytes, headers and signature. */
export interface OutgoingNotification {
  requestId: string;
  invoiceNumber: string;
  status: NotificationStatus;
  url: string;
  body: string;
  timestamp: string;
  signature: string;
  tampered: boolean;
  copies: number;
  /** Attempts still to be swallowed by a `drop` fault. */
  dropRemaining: number;
  attempts: number;
  acknowledged: boolean;
  /** ISO time of the next scheduled retry, or null when none is pending. */
  nextAttemptAt: string | null;
}

export interface DeliveryAttempt {
  requestId: string;
  invoiceNumber: string;
  status: NotificationStatus;
  attempt: number;
  /** 1..N when a `duplicate` fault sends N identical copies of one attempt. */
  copy: number;
  url: string;
  at: string;
  httpStatus: number | null;
  responseBody: string | null;
  error: string | null;
  acknowledged: boolean;
  duplicate: boolean;
  tampered: boolean;
  dropped: boolean;
  durationMs: number;
}

export interface RecordedResponse {
  bodyDigest: string;
  status: number;
  body: string;
}

/**
 * `standard`: every answer signed over the five lines, Digest included. `get-without-digest`: a
 * GET's answer signed without the Digest line (DOKU: Digest "only applied for POST Method").
 * `unsigned`: answers carry no Client-Id, Request-Id, Response-Timestamp or Signature at all.
 */
export const signingModes = ["standard", "get-without-digest", "unsigned"] as const;
export type SigningMode = (typeof signingModes)[number];

/** `full`: the body modelled on DOKU's paylater samples. `sparse`: nulls, gaps and unknown fields. */
export const envelopeShapes = ["full", "sparse"] as const;
export type EnvelopeShape = (typeof envelopeShapes)[number];

export class SandboxState {
  readonly orders = new Map<string, SandboxOrder>();
  readonly requests = new Map<string, RecordedResponse>();
  /** Signed Check Status calls per invoice number (or Request-Id) asked about. */
  readonly checkStatusCalls = new Map<string, number>();
  readonly notifications: OutgoingNotification[] = [];
  readonly deliveries: DeliveryAttempt[] = [];
  faults: Fault[] = [];
  /** How answers are signed: each reading of DOKU's pages the app must cope with. */
  signingMode: SigningMode = "standard";
  /** The shape of notification and Check Status bodies. */
  envelopeShape: EnvelopeShape = "full";
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Aborted on reset/close: in-flight deliveries and held responses stop, late results are dropped. */
  private controller = new AbortController();

  /** What the shop emailed (the SMTP listener feeds it; see mailbox.ts). */
  readonly mailbox: Mailbox;
  /** What the shop's alerts posted to /webhooks/… (see webhooks.ts). */
  readonly webhooks: WebhookInbox;

  constructor(readonly now: () => Date = () => new Date()) {
    this.mailbox = new Mailbox(now);
    this.webhooks = new WebhookInbox(now);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  schedule(fn: () => void, ms: number): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(timer);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Reads apply expiry lazily, so nothing needs a timer per order. */
  order(invoiceNumber: string): SandboxOrder | undefined {
    const order = this.orders.get(invoiceNumber);
    if (order) this.refreshExpiry(order);
    return order;
  }

  orderByToken(token: string): SandboxOrder | undefined {
    for (const order of this.orders.values()) {
      if (order.token === token) return this.refreshExpiry(order);
    }
    return undefined;
  }

  orderByRequestId(requestId: string): SandboxOrder | undefined {
    for (const order of this.orders.values()) {
      if (order.requestId === requestId) return this.refreshExpiry(order);
    }
    return undefined;
  }

  allOrders(): SandboxOrder[] {
    return [...this.orders.values()].map((o) => this.refreshExpiry(o));
  }

  refreshExpiry(order: SandboxOrder): SandboxOrder {
    if (order.status === "PENDING" && this.now().getTime() >= order.expiresAt.getTime()) {
      order.status = "EXPIRED";
      order.statusChangedAt = order.expiresAt;
    }
    return order;
  }

  reset(): void {
    this.stopActivity();
    this.controller = new AbortController();
    this.orders.clear();
    this.requests.clear();
    this.checkStatusCalls.clear();
    this.notifications.length = 0;
    this.deliveries.length = 0;
    this.faults = [];
    this.mailbox.reset();
    this.webhooks.reset();
    this.signingMode = "standard";
    this.envelopeShape = "full";
  }

  /** Clears timers and aborts in-flight work; used by reset and by close. */
  stopActivity(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.controller.abort();
  }
}
