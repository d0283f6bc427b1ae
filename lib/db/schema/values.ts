// The values and shapes both dialects' tables share (lib/db/schema/sqlite.ts, postgres.ts).
export const productTypes = ["physical", "digital"] as const;
export type ProductType = (typeof productTypes)[number];

export const orderStatuses = ["pending", "paid", "failed", "expired", "refunded"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface PostalAddress {
  firstName: string;
  lastName?: string;
  address: string;
  city: string;
  postalCode: string;
  phone: string;
  countryCode: "IDN";
}

/**
 * Where an order's units stand (lib/stock/reservations.ts): `reserved` while it is unpaid (taken
 * from products.stock when it was placed), `sold` once paid, `released` when given back (failed,
 * expired, cancelled) or never held; each move is one conditional UPDATE, so it happens once.
 */
export const stockStates = ["reserved", "sold", "released"] as const;
export type StockState = (typeof stockStates)[number];

export const orderItemKinds = ["product", "shipping"] as const;

export const attemptStatuses = [
  "creating",
  "pending",
  "rejected",
  "paid",
  "failed",
  "expired",
  "refunded",
] as const;
export type AttemptStatus = (typeof attemptStatuses)[number];

/**
 * `local_expiry`: the reconciler expired an attempt that DOKU still called PENDING past its expiry.
 * `shopper_cancel`: the shopper chose "Back to cart" after leaving Kredivo unpaid.
 */
export const eventKinds = [
  "generate_order",
  "check_status",
  "notification",
  "local_expiry",
  "shopper_cancel",
] as const;
export type EventKind = (typeof eventKinds)[number];

export const eventDirections = ["out", "in", "local"] as const;

/**
 * What an event did, as the shopper's order timeline tells it; written from the typed result of
 * the change that caused it (never parsed from `outcome`), null for events that changed nothing.
 */
export const eventEffects = [
  "payment_started",
  "payment_not_started",
  "paid",
  "failed",
  "expired",
  "refunded",
  "cancelled",
] as const;
export type EventEffect = (typeof eventEffects)[number];

/** The emails the outbox sends (lib/mail/templates/ renders them). */
export const emailKinds = [
  "order_confirmation",
  "digital_delivery",
  "payment_failed",
  "payment_expired",
  "payment_refunded",
] as const;
export type EmailKind = (typeof emailKinds)[number];

/**
 * queued: waiting for its next try; sending: a sender holds it until `leaseUntil`; sent; failed:
 * gave up after the last try (the back office can resend it).
 */
export const emailStatuses = ["queued", "sending", "sent", "failed"] as const;
export type EmailStatus = (typeof emailStatuses)[number];

/**
 * What an alert is about (lib/alerts/triggers.ts and checks.ts word them; docs/operations.md says
 * what to do): an event flagged for review, DOKU failing call after call, a payment still open past
 * its expiry, an email given up, the reconciler not running.
 */
export const alertKinds = [
  "flagged_for_review",
  "doku_failing",
  "payment_overdue",
  "email_given_up",
  "reconciler_stalled",
] as const;
export type AlertKind = (typeof alertKinds)[number];

/**
 * queued: waiting for its next try (or for ALERT_WEBHOOK_URL); sending: a sender holds it until
 * `leaseUntil`; sent; failed: gave up after the last try; suppressed: another alert of its kind
 * was sent in the last 15 minutes, so this one is only counted (the next sent one says "+N more").
 */
export const alertStates = ["queued", "sending", "sent", "failed", "suppressed"] as const;
export type AlertState = (typeof alertStates)[number];
