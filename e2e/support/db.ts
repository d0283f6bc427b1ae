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
}
export interface AttemptRow {
  id: number;
  invoice_number: string;
  request_id: string;
  amount: number;
  status: string;
  payment_url: string | null;
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
}

export const db = {
  order(token: string): OrderRow | undefined {
    return conn().prepare("SELECT * FROM orders WHERE public_token = ?").get(token) as OrderRow | undefined;
  },
  orderCount(): number {
    return (conn().prepare("SELECT count(*) AS n FROM orders").get() as { n: number }).n;
  },
  items(orderId: number) {
    return conn().prepare("SELECT kind, name, unit_price, quantity, line_total FROM order_items WHERE order_id = ? ORDER BY id").all(orderId) as {
      kind: string;
      name: string;
      unit_price: number;
      quantity: number;
      line_total: number;
    }[];
  },
  attempts(orderId: number): AttemptRow[] {
    return conn().prepare("SELECT * FROM payment_attempts WHERE order_id = ? ORDER BY id").all(orderId) as AttemptRow[];
  },
  events(orderId: number): EventRow[] {
    return conn().prepare("SELECT * FROM payment_events WHERE order_id = ? ORDER BY id").all(orderId) as EventRow[];
  },
  latestAttempt(): AttemptRow {
    return conn().prepare("SELECT * FROM payment_attempts ORDER BY id DESC LIMIT 1").get() as AttemptRow;
  },
  tokenOfAttempt(attemptId: number): string {
    return (
      conn().prepare("SELECT o.public_token AS token FROM payment_attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?").get(attemptId) as {
        token: string;
      }
    ).token;
  },
  eventsByRequestId(requestId: string): EventRow[] {
    return conn().prepare("SELECT * FROM payment_events WHERE request_id = ? ORDER BY id").all(requestId) as EventRow[];
  },
  productPrice(slug: string): number {
    return (conn().prepare("SELECT price FROM products WHERE slug = ?").get(slug) as { price: number }).price;
  },
  seller(slug: string): { id: string; shippingFee: number; type: string } {
    return conn()
      .prepare("SELECT s.id, s.shipping_fee AS shippingFee, p.type FROM products p JOIN sellers s ON s.id = p.seller_id WHERE p.slug = ?")
      .get(slug) as { id: string; shippingFee: number; type: string };
  },
};
