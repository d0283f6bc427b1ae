// Read-only access to the e2e database, so each test can assert what was stored, not only
// what the page shows.
import Database from "better-sqlite3";
import { E2E } from "./env";

let handle: Database.Database | undefined;
function conn(): Database.Database {
  handle ??= new Database(E2E.env.DATABASE_URL, { readonly: true, fileMustExist: true });
  return handle;
}

export interface OrderRow {
  id: number;
  public_token: string;
  status: string;
  subtotal: number;
  shipping_total: number;
  total: number;
  customer_phone: string;
  paid_at: number | null;
  /** The shopper's address as TRUSTED_PROXY_HOPS reads X-Forwarded-For; null when not trusted. */
  client_address: string | null;
}
export interface AttemptRow {
  id: number;
  invoice_number: string;
  request_id: string;
  amount: number;
  status: string;
  payment_url: string | null;
  kredivo_order_id: string | null;
  failure_reason: string | null;
}
export interface EventRow {
  id: number;
  kind: string;
  direction: string;
  request_id: string | null;
  inbox_key: string | null;
  http_status: number | null;
  signature_valid: number | null;
  outcome: string;
  flagged: number;
  request_body: string | null;
  response_body: string | null;
  order_id: number | null;
  reviewed_at: number | null;
}

/** The queries below, on any e2e-shaped database (the shared one, or a test's own temp file). */
function queries(conn: () => Database.Database) {
  return {
    order(token: string): OrderRow | undefined {
      return conn().prepare("SELECT * FROM orders WHERE public_token = ?").get(token) as
        OrderRow | undefined;
    },
    /** Units of a product available now, and how the order holds its own (orders.stock_state). */
    stock(slug: string): number {
      return (
        conn().prepare("SELECT stock FROM products WHERE slug = ?").get(slug) as { stock: number }
      ).stock;
    },
    stockState(token: string): string {
      return (
        conn().prepare("SELECT stock_state AS s FROM orders WHERE public_token = ?").get(token) as {
          s: string;
        }
      ).s;
    },
    orderCount(): number {
      return (conn().prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
    },
    items(orderId: number) {
      return conn()
        .prepare(
          "SELECT kind, name, unit_price, quantity, line_total FROM order_items WHERE order_id = ? ORDER BY id",
        )
        .all(orderId) as {
        kind: string;
        name: string;
        unit_price: number;
        quantity: number;
        line_total: number;
      }[];
    },
    attempts(orderId: number): AttemptRow[] {
      return conn()
        .prepare("SELECT * FROM payment_attempts WHERE order_id = ? ORDER BY id")
        .all(orderId) as AttemptRow[];
    },
    events(orderId: number): EventRow[] {
      return conn()
        .prepare("SELECT * FROM payment_events WHERE order_id = ? ORDER BY id")
        .all(orderId) as EventRow[];
    },
    latestAttempt(): AttemptRow {
      return conn()
        .prepare("SELECT * FROM payment_attempts ORDER BY id DESC LIMIT 1")
        .get() as AttemptRow;
    },
    tokenOfAttempt(attemptId: number): string {
      return (
        conn()
          .prepare(
            "SELECT o.public_token AS token FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?",
          )
          .get(attemptId) as {
          token: string;
        }
      ).token;
    },
    eventsByRequestId(requestId: string): EventRow[] {
      return conn()
        .prepare("SELECT * FROM payment_events WHERE request_id = ? ORDER BY id")
        .all(requestId) as EventRow[];
    },
    productPrice(slug: string): number {
      return (
        conn().prepare("SELECT price FROM products WHERE slug = ?").get(slug) as { price: number }
      ).price;
    },
    seller(slug: string): { id: string; shippingFee: number; type: string } {
      return conn()
        .prepare(
          "SELECT s.id, s.shipping_fee AS shippingFee, p.type FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.slug = ?",
        )
        .get(slug) as { id: string; shippingFee: number; type: string };
    },
    orderById(id: number): OrderRow | undefined {
      return conn().prepare("SELECT * FROM orders WHERE id = ?").get(id) as OrderRow | undefined;
    },
    attemptCount(): number {
      return (conn().prepare("SELECT count(*) AS n FROM payment_attempts").get() as { n: number })
        .n;
    },
    eventCount(): number {
      return (conn().prepare("SELECT count(*) AS n FROM payment_events").get() as { n: number }).n;
    },
    allEvents(): EventRow[] {
      return conn().prepare("SELECT * FROM payment_events ORDER BY id").all() as EventRow[];
    },
    /** The shopper-facing fields as stored (the addresses are JSON). */
    customer(token: string) {
      const row = conn()
        .prepare(
          "SELECT customer_first_name, customer_last_name, customer_email, shipping_address, billing_address FROM orders WHERE public_token = ?",
        )
        .get(token) as
        | {
            customer_first_name: string;
            customer_last_name: string | null;
            customer_email: string;
            shipping_address: string;
            billing_address: string;
          }
        | undefined;
      if (!row) return undefined;
      return {
        firstName: row.customer_first_name,
        lastName: row.customer_last_name,
        email: row.customer_email,
        shipping: JSON.parse(row.shipping_address) as {
          firstName: string;
          lastName?: string;
          address: string;
          city: string;
          postalCode: string;
        },
        billing: JSON.parse(row.billing_address) as {
          firstName: string;
          lastName?: string;
          address: string;
          city: string;
          postalCode: string;
        },
      };
    },
    customerEmails(): string[] {
      return (
        conn().prepare("SELECT DISTINCT customer_email AS email FROM orders").all() as {
          email: string;
        }[]
      ).map((r) => r.email);
    },
    cartExists(cartId: string): boolean {
      return !!conn().prepare("SELECT 1 FROM carts WHERE id = ?").get(cartId);
    },
    cartLines(cartId: string): { slug: string; quantity: number }[] {
      return conn()
        .prepare(
          "SELECT p.slug, ci.quantity FROM cart_items ci JOIN products p ON p.id = ci.product_id WHERE ci.cart_id = ? ORDER BY p.slug",
        )
        .all(cartId) as { slug: string; quantity: number }[];
    },
    cartCount(): number {
      return (conn().prepare("SELECT count(*) AS n FROM carts").get() as { n: number }).n;
    },
    cartItemCount(): number {
      return (conn().prepare("SELECT count(*) AS n FROM cart_items").get() as { n: number }).n;
    },
    product(slug: string): { id: number; active: number; name: string } {
      return conn().prepare("SELECT id, active, name FROM products WHERE slug = ?").get(slug) as {
        id: number;
        active: number;
        name: string;
      };
    },
    /** The order's outbox rows, with how many tries at the SMTP server each has recorded. */
    emails(
      orderId: number,
    ): { kind: string; recipient: string; status: string; tries: number; deliveries: number }[] {
      return conn()
        .prepare(
          `SELECT o.kind, o.recipient, o.status, o.tries, (SELECT count(*) FROM email_deliveries d WHERE d.outbox_id = o.id) AS deliveries
             FROM email_outbox o WHERE o.order_id = ? ORDER BY o.id`,
        )
        .all(orderId) as {
        kind: string;
        recipient: string;
        status: string;
        tries: number;
        deliveries: number;
      }[];
    },
  };
}

export const db = queries(conn);
export type Queries = ReturnType<typeof queries>;

/** The same queries, read-only, on another database file (e.g. a test's own app). Close it after. */
export function openDb(path: string): Queries & { close(): void } {
  const own = new Database(path, { readonly: true, fileMustExist: true });
  return Object.assign(
    queries(() => own),
    { close: () => own.close() },
  );
}

/** What the unverified notifications after event `afterId` left in the database, per row. */
export function unverifiedEventsAfter(
  afterId: number,
): { id: number; stored: number; request_body_bytes: number; http_status: number }[] {
  return conn()
    .prepare(
      `SELECT id, http_status, request_body_bytes,
              coalesce(length(CAST(request_body AS BLOB)), 0) + length(request_headers) + coalesce(length(request_id), 0)
              + coalesce(length(request_body_sha256), 0) + length(url) + length(outcome) AS stored
         FROM payment_events WHERE id > ? AND kind = 'notification' AND signature_valid = 0 ORDER BY id`,
    )
    .all(afterId) as {
    id: number;
    stored: number;
    request_body_bytes: number;
    http_status: number;
  }[];
}

export function lastEventId(): number {
  return (
    conn().prepare("SELECT coalesce(max(id), 0) AS id FROM payment_events").get() as { id: number }
  ).id;
}

/** Makes an attempt look `ms` older, as if the shopper had taken that long on Kredivo's page. */
export function ageAttempt(
  attemptId: number,
  ms: number,
  databaseUrl: string = E2E.env.DATABASE_URL,
): void {
  const writable = new Database(databaseUrl);
  try {
    writable
      .prepare("UPDATE payment_attempts SET created_at = created_at - ? WHERE id = ?")
      .run(ms, attemptId);
  } finally {
    writable.close();
  }
}

/**
 * Keeps the e2e server's reconciler (1 s interval) off an attempt, for a test whose subject it is
 * not: the attempt's Check Status slot is marked taken for the next hour, so neither the reconciler
 * nor a shopper's return asks DOKU about it (lib/payments/check-status.ts). Call it while the
 * attempt is younger than RECONCILE_MIN_AGE_MS; `releaseToReconciler` ends it.
 */
export function holdFromReconciler(attemptId: number): void {
  const writable = new Database(E2E.env.DATABASE_URL);
  try {
    const held = writable
      .prepare("UPDATE payment_attempts SET last_checked_at = ? WHERE id = ?")
      .run(Date.now() + 3_600_000, attemptId);
    if (held.changes !== 1) throw new Error(`no attempt ${attemptId} to hold`);
  } finally {
    writable.close();
  }
}

/** Ends a hold and makes the attempt due at the reconciler's next pass: never checked, and old enough. */
export function releaseToReconciler(attemptId: number): void {
  const writable = new Database(E2E.env.DATABASE_URL);
  try {
    const oldEnough = Date.now() - Number(E2E.env.RECONCILE_MIN_AGE_MS) - 1_000;
    writable
      .prepare(
        "UPDATE payment_attempts SET last_checked_at = NULL, created_at = min(created_at, ?) WHERE id = ?",
      )
      .run(oldEnough, attemptId);
  } finally {
    writable.close();
  }
}

/** Takes a product off sale or puts it back, as a merchant's edit would. */
export function setProductActive(slug: string, active: boolean): void {
  const writable = new Database(E2E.env.DATABASE_URL);
  try {
    writable.prepare("UPDATE products SET active = ? WHERE slug = ?").run(active ? 1 : 0, slug);
  } finally {
    writable.close();
  }
}
