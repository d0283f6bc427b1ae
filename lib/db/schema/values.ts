// The values and shapes both dialects' tables share (lib/db/schema/sqlite.ts, postgres.ts).
export const productTypes = ["physical", "digital"] as const;
export type ProductType = (typeof productTypes)[number];

/**
 * `refunded`: refunds recorded for the whole amount paid have completed (lib/refunds/); a partial
 * refund keeps the order `paid` with a smaller net. `cancelled`: cancelled by staff before it was
 * paid (lib/orders/cancel.ts); a payment that still arrives makes it `paid`, flagged for review.
 */
export const orderStatuses = [
  "pending",
  "paid",
  "failed",
  "expired",
  "refunded",
  "cancelled",
] as const;
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

/**
 * A paid order's items travel in one parcel per seller (lib/fulfilment/). `awaiting` → `shipped`
 * (a courier and tracking number) → `delivered`; a parcel of digital products only is delivered
 * when the order is paid; `cancelled` when the order is cancelled before it shipped.
 */
export const parcelStates = ["awaiting", "shipped", "delivered", "cancelled"] as const;
export type ParcelState = (typeof parcelStates)[number];

/**
 * An order's fulfilment, derived from its parcels whenever one changes (lib/fulfilment/) and kept on
 * the order so the back office can filter by it; null until the order is paid. `completed` comes a
 * configurable number of days after the last delivery, or when staff mark it.
 */
export const fulfilmentStates = [
  "unfulfilled",
  "partly_shipped",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
] as const;
export type FulfilmentState = (typeof fulfilmentStates)[number];

/**
 * DOKU publishes no refund API for Kredivo: the refund itself is made in DOKU's Back Office, and
 * the shop records it (lib/refunds/). `requested` until DOKU reports the order REFUNDED
 * (notification or Check Status) or an owner confirms it with DOKU's reference.
 */
export const refundStates = ["requested", "completed"] as const;
export type RefundState = (typeof refundStates)[number];

/** What completed a refund: DOKU's notification, a Check Status answer, or an owner's confirmation. */
export const refundCompletions = ["notification", "check_status", "owner"] as const;
export type RefundCompletion = (typeof refundCompletions)[number];

/** A refunded order line: which line (order_items.id) and how many of its units. */
export interface RefundLine {
  orderItemId: number;
  quantity: number;
}

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
 * `staff_cancel`: staff cancelled the unpaid order in the back office.
 */
export const eventKinds = [
  "generate_order",
  "check_status",
  "notification",
  "local_expiry",
  "shopper_cancel",
  "staff_cancel",
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

/** The emails about an order the outbox sends (lib/mail/templates/ renders them). */
export const orderEmailKinds = [
  "order_confirmation",
  "digital_delivery",
  "payment_failed",
  "payment_expired",
  "payment_refunded",
  // One per shipped parcel (lib/fulfilment/parcels.ts): carries the parcel's id.
  "parcel_shipped",
  "order_cancelled",
  "refund_requested",
  "refund_completed",
  // "Find my order" (lib/orders/find-order.ts): no cause, so each request within the limits sends.
  "order_link",
] as const;
export type OrderEmailKind = (typeof orderEmailKinds)[number];

/** The emails about a back-office account: each carries a one-time link (lib/auth/account-tokens.ts). */
export const accountEmailKinds = ["staff_invitation", "password_reset"] as const;
export type AccountEmailKind = (typeof accountEmailKinds)[number];

export const emailKinds = [...orderEmailKinds, ...accountEmailKinds] as const;

export function isAccountEmailKind(kind: EmailKind): kind is AccountEmailKind {
  return (accountEmailKinds as readonly string[]).includes(kind);
}
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

/**
 * Who may do what in the back office (lib/auth/roles.ts): an owner does everything; staff do the
 * day-to-day work. Every back-office action names the role it needs (lib/admin/admin-action.ts).
 */
export const userRoles = ["owner", "staff"] as const;
export type UserRole = (typeof userRoles)[number];

/** The one-time links the back office emails (lib/auth/account-tokens.ts). */
export const accountTokenPurposes = ["invitation", "password_reset"] as const;
export type AccountTokenPurpose = (typeof accountTokenPurposes)[number];

/**
 * Every entry the activity log can hold (lib/activity/). `access.refused` is an action a role may
 * not use, tried anyway; the others are what a person did. A later action adds its name here.
 */
export const activityActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.password_reset",
  "auth.link_refused",
  "access.refused",
  "account.invited",
  "account.invitation_revoked",
  "account.invitation_accepted",
  "account.role_changed",
  "account.removed",
  "order.check_status",
  "order.email_resent",
  "order.event_reviewed",
  "notification.reviewed",
  "order.parcel_shipped",
  "order.tracking_corrected",
  "order.parcel_delivered",
  "order.completed",
  "order.cancelled",
  "order.refund_requested",
  "order.refund_confirmed",
  "order.note_added",
  "order.exported",
] as const;
export type ActivityAction = (typeof activityActions)[number];

/** What an activity entry is about, when it is about something. */
export const activitySubjects = ["order", "product", "account", "invitation", "event"] as const;
export type ActivitySubject = (typeof activitySubjects)[number];
