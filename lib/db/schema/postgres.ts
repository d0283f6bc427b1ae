// The shop's tables on PostgreSQL: the same tables, columns and TypeScript types as
// lib/db/schema/sqlite.ts (a unit test keeps the two equal), in PostgreSQL's own column types.
// Money columns are integer rupiah; migrations for this file are in drizzle/postgres.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  json,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp as timestampColumn,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ResponseSignatureCheck } from "@/lib/doku/response-signature";
import { locales } from "@/lib/i18n/locales";
import {
  accountTokenPurposes,
  activityActions,
  activitySubjects,
  alertKinds,
  alertStates,
  attemptStatuses,
  emailKinds,
  emailStatuses,
  eventDirections,
  eventEffects,
  eventKinds,
  fulfilmentStates,
  orderItemKinds,
  orderStatuses,
  parcelStates,
  productTypes,
  refundCompletions,
  refundStates,
  stockStates,
  userRoles,
  type PostalAddress,
  type RefundLine,
} from "./values";

// Millisecond precision, as on SQLite: a value read back equals the Date that was written.
const timestamp = (name: string) =>
  timestampColumn(name, { mode: "date", withTimezone: true, precision: 3 });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .$defaultFn(() => new Date());

export const sellers = pgTable("sellers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  city: text("city").notNull(),
  /** Flat shipping fee charged once per seller in a cart. */
  shippingFee: integer("shipping_fee").notNull(),
});

export const products = pgTable(
  "products",
  {
    id: serial("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    sku: text("sku").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    price: integer("price").notNull(),
    type: text("type", { enum: productTypes }).notNull(),
    /** Kredivo line item `type`, e.g. FASHION, ELECTRONIC. */
    category: text("category").notNull(),
    imagePath: text("image_path").notNull(),
    /** Digital products: what the shopper gets and where, as the delivery email tells it. */
    digitalDelivery: text("digital_delivery"),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    active: boolean("active").notNull().default(true),
    /** Units available to reserve right now: on hand minus those held by unpaid orders. */
    stock: integer("stock").notNull().default(0),
    /** The most units one order may hold ("maks. 2 per pembeli"); null: only the cart's own bound. */
    maxPerOrder: integer("max_per_order"),
  },
  (t) => [
    check("products_price_positive", sql`${t.price} > 0`),
    check("products_stock_nonnegative", sql`${t.stock} >= 0`),
    check("products_max_per_order_positive", sql`${t.maxPerOrder} IS NULL OR ${t.maxPerOrder} > 0`),
  ],
);

export const carts = pgTable(
  "carts",
  {
    id: text("id").primaryKey(),
    createdAt: createdAt(),
    /** Every change to the cart, and every time its cookie is written again: old carts are pruned by it. */
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("carts_updated_at").on(t.updatedAt)],
);

export const cartItems = pgTable(
  "cart_items",
  {
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    quantity: integer("quantity").notNull(),
    addedAt: timestamp("added_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    primaryKey({ columns: [t.cartId, t.productId] }),
    check("cart_items_quantity_range", sql`${t.quantity} BETWEEN 1 AND 99`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: serial("id").primaryKey(),
    /** Unguessable, used in shopper URLs; the numeric id never leaves the server. */
    publicToken: text("public_token").notNull().unique(),
    /** One per rendered checkout form: a double submit or a refresh finds the same order. */
    checkoutKey: text("checkout_key").notNull().unique(),
    /** The cart the order came from: a checkout key only ever finds an order of the same cart. */
    cartId: text("cart_id"),
    status: text("status", { enum: orderStatuses }).notNull().default("pending"),
    customerFirstName: text("customer_first_name").notNull(),
    customerLastName: text("customer_last_name"),
    customerEmail: text("customer_email").notNull(),
    /** The email as one mailbox (lib/limits/mailbox.ts): open holds are counted per mailbox. */
    customerMailbox: text("customer_mailbox"),
    customerPhone: text("customer_phone").notNull(),
    /** The client's address when trusted proxies give one: open holds are limited per address too. */
    clientAddress: text("client_address"),
    /** The language the shopper checked out in: their emails are written in it. */
    locale: text("locale", { enum: locales }).notNull().default("id"),
    shippingAddress: json("shipping_address").$type<PostalAddress>().notNull(),
    billingAddress: json("billing_address").$type<PostalAddress>().notNull(),
    subtotal: integer("subtotal").notNull(),
    shippingTotal: integer("shipping_total").notNull(),
    total: integer("total").notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
    paidAt: timestamp("paid_at"),
    /** Whether the order holds, has consumed or has given back its units (values.ts). */
    stockState: text("stock_state", { enum: stockStates }).notNull().default("reserved"),
    /** Derived from the order's parcels whenever one changes (values.ts); null until paid. */
    fulfilment: text("fulfilment", { enum: fulfilmentStates }),
    /** When the last parcel was delivered: the order completes a set number of days later. */
    deliveredAt: timestamp("delivered_at"),
    completedAt: timestamp("completed_at"),
    cancelledAt: timestamp("cancelled_at"),
    /** The sum of completed refunds; the order's net is `total - refunded_total`. */
    refundedTotal: integer("refunded_total").notNull().default(0),
  },
  (t) => [
    // With the total, the status cards of a million orders are read from the index alone.
    index("orders_status_created").on(t.status, t.createdAt, t.total, t.refundedTotal),
    index("orders_email").on(t.customerEmail),
    // Open holds are counted per shopper at every placement: only the few reserved orders are read.
    index("orders_stock_state").on(t.stockState),
    index("orders_fulfilment_created").on(t.fulfilment, t.createdAt),
    // The back office at a million orders (bench/README.md): the list's newest-first order, its
    // date ranges and the status cards' count and sum, read from the index alone.
    index("orders_created_status_total").on(t.createdAt, t.status, t.total, t.refundedTotal),
    // The revenue chart: orders paid in a range of days and their totals, from the index alone.
    index("orders_paid_total").on(t.paidAt, t.total, t.refundedTotal),
    // The 8-character reference staff and shoppers quote, searched case-insensitively.
    index("orders_reference").on(sql`upper(substr(${t.publicToken}, 1, 8))`),
    check(
      "orders_total_sum",
      sql`${t.total} = ${t.subtotal} + ${t.shippingTotal} AND ${t.total} > 0`,
    ),
    check(
      "orders_refunded_total_range",
      sql`${t.refundedTotal} >= 0 AND ${t.refundedTotal} <= ${t.total}`,
    ),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    kind: text("kind", { enum: orderItemKinds }).notNull(),
    productId: integer("product_id").references(() => products.id),
    sellerId: text("seller_id").references(() => sellers.id),
    /** Snapshot at order time: later catalogue changes never rewrite a placed order. */
    name: text("name").notNull(),
    sku: text("sku").notNull(),
    itemType: text("item_type").notNull(),
    unitPrice: integer("unit_price").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotal: integer("line_total").notNull(),
  },
  (t) => [
    index("order_items_order").on(t.orderId),
    check("order_items_line_total", sql`${t.lineTotal} = ${t.unitPrice} * ${t.quantity}`),
  ],
);

export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    invoiceNumber: text("invoice_number").notNull().unique(),
    requestId: text("request_id").notNull().unique(),
    merchantUniqueReference: text("merchant_unique_reference").notNull().unique(),
    amount: integer("amount").notNull(),
    status: text("status", { enum: attemptStatuses }).notNull().default("creating"),
    paymentUrl: text("payment_url"),
    kredivoOrderId: text("kredivo_order_id"),
    expiresAt: timestamp("expires_at"),
    /** Why DOKU's generate-order did not give a payment URL, in the merchant's words. */
    failureReason: text("failure_reason"),
    lastCheckedAt: timestamp("last_checked_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
    settledAt: timestamp("settled_at"),
  },
  (t) => [
    index("payment_attempts_order").on(t.orderId),
    index("payment_attempts_status").on(t.status, t.createdAt),
    // The back office's search by invoice number, case-insensitive.
    index("payment_attempts_invoice_lower").on(sql`lower(${t.invoiceNumber})`),
  ],
);

export const paymentEvents = pgTable(
  "payment_events",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: eventKinds }).notNull(),
    direction: text("direction", { enum: eventDirections }).notNull(),
    orderId: integer("order_id").references(() => orders.id),
    attemptId: integer("attempt_id").references(() => paymentAttempts.id),
    requestId: text("request_id"),
    /**
     * The de-duplication inbox: the Request-Id of the first verified notification that carried
     * it, NULL for every other row (duplicates, forged or malformed requests, our own calls), so
     * a forged request can never reserve a Request-Id that DOKU has yet to use.
     */
    inboxKey: text("inbox_key").unique(),
    method: text("method").notNull(),
    url: text("url").notNull(),
    httpStatus: integer("http_status"),
    signatureValid: boolean("signature_valid"),
    /** For DOKU's answers: which headers came, which component strings were tried, what verified. */
    signatureCheck: json("signature_check").$type<ResponseSignatureCheck>(),
    requestHeaders: json("request_headers").$type<Record<string, string>>().notNull(),
    /**
     * For a notification whose signature verified, and for our own calls, the whole body. For an
     * unverified request only its first bytes (MAX_UNVERIFIED_BODY_BYTES): anyone can send one.
     */
    requestBody: text("request_body"),
    /** Size and SHA-256 (hex) of the body as received, whether or not all of it was kept. */
    requestBodyBytes: integer("request_body_bytes"),
    requestBodySha256: text("request_body_sha256"),
    responseHeaders: json("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    durationMs: integer("duration_ms"),
    /** What the event did, e.g. `paid`, `duplicate`, `ignored:already_paid`, `rejected:signature`. */
    outcome: text("outcome").notNull(),
    /** What the event did to the order, for the shopper's timeline (values.ts). */
    effect: text("effect", { enum: eventEffects }),
    /** Needs a human: amount mismatch, unknown invoice, bad signature on a response. */
    flagged: boolean("flagged").notNull().default(false),
    reviewedAt: timestamp("reviewed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("payment_events_order").on(t.orderId, t.createdAt),
    // An order page reads its events by order or by attempt: without it, every event is read.
    index("payment_events_attempt").on(t.attemptId),
    // The orders list's flag counts, per listed order: only its flagged events are indexed.
    index("payment_events_order_flagged")
      .on(t.orderId)
      .where(sql`flagged`),
    // Partial: only the few rows a human must review are indexed, not every notification.
    index("payment_events_flagged")
      .on(t.flagged)
      .where(sql`flagged`),
    // Partial: the unverified requests that pruning removes (lib/payments/prune-noise.ts).
    index("payment_events_unverified")
      .on(t.createdAt)
      .where(sql`signature_valid = false AND inbox_key IS NULL AND flagged = false`),
  ],
);

/**
 * One parcel per seller of a paid order (lib/fulfilment/): the order's items of that seller travel
 * in it. The courier and tracking number are the current ones; parcel_trackings keeps every one given.
 */
export const parcels = pgTable(
  "parcels",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    sellerId: text("seller_id")
      .notNull()
      .references(() => sellers.id),
    /** Only digital products: delivered by email when the order is paid, nothing to ship. */
    digital: boolean("digital").notNull().default(false),
    state: text("state", { enum: parcelStates }).notNull().default("awaiting"),
    /** A courier code (lib/fulfilment/couriers.ts). */
    courier: text("courier"),
    /** Trimmed and upper-cased. */
    trackingNumber: text("tracking_number"),
    /** For the "other" courier: the page where the shopper follows the parcel. */
    trackingUrl: text("tracking_url"),
    shippedAt: timestamp("shipped_at"),
    deliveredAt: timestamp("delivered_at"),
    cancelledAt: timestamp("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    uniqueIndex("parcels_order_seller").on(t.orderId, t.sellerId),
    index("parcels_tracking_number").on(t.trackingNumber),
    check("parcels_courier_length", sql`length(${t.courier}) <= 32`),
    check("parcels_tracking_number_length", sql`length(${t.trackingNumber}) <= 64`),
    check("parcels_tracking_url_length", sql`length(${t.trackingUrl}) <= 2048`),
  ],
);

/** Every courier and tracking number a parcel was given: a correction replaces, never erases. */
export const parcelTrackings = pgTable(
  "parcel_trackings",
  {
    id: serial("id").primaryKey(),
    parcelId: integer("parcel_id")
      .notNull()
      .references(() => parcels.id),
    courier: text("courier").notNull(),
    trackingNumber: text("tracking_number").notNull(),
    trackingUrl: text("tracking_url"),
    /** Who gave it; the name is copied, so the row outlives the account. */
    recordedById: integer("recorded_by_id"),
    recordedByName: text("recorded_by_name"),
    createdAt: createdAt(),
    /** When a correction replaced it; null for the current one. */
    replacedAt: timestamp("replaced_at"),
  },
  (t) => [index("parcel_trackings_parcel").on(t.parcelId, t.createdAt)],
);

/**
 * Refunds an owner recorded (lib/refunds/). The money moves in DOKU's Back Office: a row is what
 * the shop was asked to refund and, once completed, what DOKU or the owner said was refunded.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    /** The paid attempt: its invoice number is what DOKU's Back Office is searched by. */
    attemptId: integer("attempt_id").references(() => paymentAttempts.id),
    invoiceNumber: text("invoice_number").notNull(),
    state: text("state", { enum: refundStates }).notNull().default("requested"),
    amount: integer("amount").notNull(),
    /** The whole remaining amount (a cancellation, or "refund everything"). */
    full: boolean("full").notNull(),
    /** The lines and units refunded; empty for an amount alone. */
    lines: json("lines").$type<RefundLine[]>().notNull(),
    /** Added to (or taken from) the lines' value: shipping, a goodwill amount, a restocking fee. */
    adjustment: integer("adjustment").notNull().default(0),
    reason: text("reason").notNull(),
    /** Whether the refunded units went back on sale when it was recorded. */
    restock: boolean("restock").notNull(),
    requestedById: integer("requested_by_id"),
    requestedByName: text("requested_by_name"),
    completedAt: timestamp("completed_at"),
    completedVia: text("completed_via", { enum: refundCompletions }),
    completedById: integer("completed_by_id"),
    completedByName: text("completed_by_name"),
    /** DOKU's reference for the refund, as the owner confirmed it. */
    providerReference: text("provider_reference"),
    /** The DOKU notification or Check Status event that completed it. */
    eventId: integer("event_id").references(() => paymentEvents.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("refunds_order").on(t.orderId),
    index("refunds_state").on(t.state, t.createdAt),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

/** Staff's internal notes on an order: on its timeline in the back office, never shown to the shopper. */
export const orderNotes = pgTable(
  "order_notes",
  {
    id: serial("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id),
    authorId: integer("author_id"),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    /** The random key the note's form was rendered with: a double submit finds the first note. */
    submitKey: text("submit_key"),
    createdAt: createdAt(),
  },
  (t) => [
    index("order_notes_order").on(t.orderId, t.createdAt),
    uniqueIndex("order_notes_submit_key").on(t.submitKey),
    check("order_notes_body_length", sql`length(${t.body}) BETWEEN 1 AND 2000`),
  ],
);

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  /** Raised when the password changes: every session signed in under an older one ends. */
  sessionVersion: integer("session_version").notNull().default(1),
  /** What the account may do in the back office (lib/auth/roles.ts). */
  role: text("role", { enum: userRoles }).notNull().default("staff"),
  lastSignInAt: timestamp("last_sign_in_at"),
  createdAt: createdAt(),
});

/**
 * One-time links sent by email: an invitation to join the back office (24 h) or a password reset
 * (1 h). Only a hash of the link's token is kept; the token itself is derived from AUTH_SECRET and
 * the row when the email is rendered (lib/auth/account-tokens.ts), so the database never holds it.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: serial("id").primaryKey(),
    purpose: text("purpose", { enum: accountTokenPurposes }).notNull(),
    /** Lower-cased: the invited address, or the account's address at the time of the reset. */
    email: text("email").notNull(),
    /** The role an invitation grants; null for a reset. */
    role: text("role", { enum: userRoles }),
    /** The account a reset is for; null for an invitation. No foreign key: removing the account keeps the row. */
    userId: integer("user_id"),
    /** SHA-256 of the token, hex. */
    tokenHash: text("token_hash").notNull(),
    /** Random per row: with AUTH_SECRET it derives the token. */
    nonce: text("nonce").notNull(),
    /** The language the email is written in. */
    locale: text("locale", { enum: locales }).notNull(),
    /** Who sent the invitation; null for a reset. */
    createdBy: integer("created_by"),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    revokedAt: timestamp("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_tokens_token_hash").on(t.tokenHash),
    index("account_tokens_email").on(t.purpose, t.email),
    index("account_tokens_user").on(t.userId),
  ],
);

/**
 * The back office's activity log: who did what, to what, from where, with the values before and
 * after. Append-only: a database trigger refuses every UPDATE, and every DELETE of an entry younger
 * than the retention (lib/activity/retention.ts). The actor's name is copied at the time, so an
 * entry outlives its account.
 */
export const activityLog = pgTable(
  "activity_log",
  {
    id: serial("id").primaryKey(),
    /** Null when nobody is signed in (a failed sign-in, a reset request). */
    actorId: integer("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role", { enum: userRoles }),
    action: text("action", { enum: activityActions }).notNull(),
    subjectType: text("subject_type", { enum: activitySubjects }),
    subjectId: text("subject_id"),
    before: json("before").$type<Record<string, unknown>>(),
    after: json("after").$type<Record<string, unknown>>(),
    /** The client behind TRUSTED_PROXY_HOPS proxies, when known. */
    clientAddress: text("client_address"),
    createdAt: createdAt(),
  },
  (t) => [
    index("activity_log_created_at").on(t.createdAt),
    index("activity_log_actor").on(t.actorId, t.createdAt),
    index("activity_log_action").on(t.action, t.createdAt),
    index("activity_log_subject").on(t.subjectType, t.subjectId, t.createdAt),
  ],
);

/**
 * Counters that limit what one key (an account being signed in to, a cart, a client address) may
 * do per window: in the database, so they survive a restart and every instance shares them.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: timestamp("window_started_at").notNull(),
    lastAt: timestamp("last_at").notNull(),
  },
  (t) => [index("rate_limits_last_at").on(t.lastAt)],
);

/**
 * The email outbox: a row is written in the same transaction as the change that calls for it
 * (an order paid, failed or expired), so no paid order goes without its confirmation and no email
 * goes out for a change that rolled back. `cause` makes that once per change; resends have none.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: serial("id").primaryKey(),
    /** The order an order email is about; null for an account email. */
    orderId: integer("order_id").references(() => orders.id),
    /** The parcel a "shipped" email is about. */
    parcelId: integer("parcel_id").references(() => parcels.id),
    /** The refund a refund email is about. */
    refundId: integer("refund_id").references(() => refunds.id),
    /** The invitation or reset link an account email carries; null for an order email. */
    accountTokenId: integer("account_token_id").references(() => accountTokens.id),
    kind: text("kind", { enum: emailKinds }).notNull(),
    /** `attempt:<id>`: the payment attempt whose change queued it; null for a resend. */
    cause: text("cause"),
    /** The row a member of staff resent, when this is a resend. */
    resendOf: integer("resend_of"),
    recipient: text("recipient").notNull(),
    status: text("status", { enum: emailStatuses }).notNull().default("queued"),
    tries: integer("tries").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    leaseUntil: timestamp("lease_until"),
    lastError: text("last_error"),
    /** The Message-ID we sent it under (derived from the row id, so a retry reuses it). */
    messageId: text("message_id"),
    sentAt: timestamp("sent_at"),
    /** The W3C traceparent of the span that queued it, when tracing is on: the send links to it. */
    traceContext: text("trace_context"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("email_outbox_cause").on(t.kind, t.cause),
    index("email_outbox_due").on(t.status, t.nextAttemptAt),
    index("email_outbox_order").on(t.orderId),
  ],
);

/** Every try at handing an outbox row to the SMTP server, and what the server answered. */
export const emailDeliveries = pgTable(
  "email_deliveries",
  {
    id: serial("id").primaryKey(),
    outboxId: integer("outbox_id")
      .notNull()
      .references(() => emailOutbox.id),
    ok: boolean("ok").notNull(),
    /** The server's reply on success, the error otherwise. */
    response: text("response").notNull(),
    durationMs: integer("duration_ms").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("email_deliveries_outbox").on(t.outboxId)],
);

/**
 * The reconciler's last run, one row per schedule (`name`), updated by every instance that runs it:
 * the metrics and alerts read it from here, so each instance reports the same truth.
 */
export const reconcilerRuns = pgTable("reconciler_runs", {
  name: text("name").primaryKey(),
  lastStartedAt: timestamp("last_started_at").notNull(),
  lastFinishedAt: timestamp("last_finished_at").notNull(),
  /** The last run that finished without an error (DOKU answering with one counts as an error). */
  lastOkAt: timestamp("last_ok_at"),
  lastError: text("last_error"),
  checked: integer("checked").notNull().default(0),
  changed: integer("changed").notNull().default(0),
  dokuErrors: integer("doku_errors").notNull().default(0),
  /** When the schedule plans its next pass (later while it backs off from a failing DOKU). */
  nextRunAt: timestamp("next_run_at"),
});

/**
 * Alerts for a person (lib/alerts/): a row first, written in the transaction of what caused it,
 * then sent to ALERT_WEBHOOK_URL with retries. `dedupeKey` makes one cause one alert.
 */
export const alerts = pgTable(
  "alerts",
  {
    id: serial("id").primaryKey(),
    kind: text("kind", { enum: alertKinds }).notNull(),
    /** e.g. `event:42`: the same cause raised twice (two instances, a retry) is one alert. */
    dedupeKey: text("dedupe_key").notNull(),
    summary: text("summary").notNull(),
    details: json("details").$type<Record<string, string | number | null>>().notNull(),
    state: text("state", { enum: alertStates }).notNull(),
    /** Alerts of this kind suppressed since the last one sent: the "+N more" this one carries. */
    coalesced: integer("coalesced").notNull().default(0),
    tries: integer("tries").notNull().default(0),
    nextTryAt: timestamp("next_try_at").notNull(),
    leaseUntil: timestamp("lease_until"),
    sentAt: timestamp("sent_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("alerts_dedupe_key").on(t.dedupeKey),
    index("alerts_due").on(t.state, t.nextTryAt),
    index("alerts_created_at").on(t.createdAt),
  ],
);
