// The sandbox's control API, for arranging faults and reading what DOKU "saw".
import { expect } from "@playwright/test";
import { E2E } from "./env";

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.sandboxUrl}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} /_sandbox/${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

export interface SandboxOrder {
  invoiceNumber: string;
  amount: number;
  status: string;
  lineItems: { id: string; name: string; price: number; quantity: number }[];
  deliveries: {
    requestId: string;
    status: "SUCCESS" | "FAILED";
    httpStatus: number | null;
    attempt: number;
    dropped: boolean;
    copy: number;
    error: string | null;
    acknowledged: boolean;
    responseBody: string | null;
  }[];
  requestId: string;
  kredivoOrderId: string;
  callbackUrl: string;
  notificationUrl: string;
  /** Signed Check Status calls DOKU received for this invoice. */
  checkStatusCalls: number;
  /** Every notification DOKU sent for this order: the exact headers and body it signed. */
  notifications: SandboxNotification[];
}

export interface SandboxNotification {
  requestId: string;
  status: "SUCCESS" | "FAILED";
  url: string;
  timestamp: string;
  signature: string;
  tampered: boolean;
  copies: number;
  attempts: number;
  acknowledged: boolean;
  body: unknown;
}

export const sandbox = {
  reset: () => call("POST", "reset"),
  fault: (fault: Record<string, unknown>) => call("POST", "faults", fault),
  order: (invoice: string) => call<SandboxOrder>("GET", `orders/${invoice}`),
  orders: () => call<{ orders: SandboxOrder[] }>("GET", "orders").then((r) => r.orders),
  approve: (invoice: string) => call<SandboxOrder>("POST", `orders/${invoice}/approve`),
  decline: (invoice: string) => call<SandboxOrder>("POST", `orders/${invoice}/decline`),
  clearFaults: () => call("POST", "faults/clear"),
  /** The faults set since the last reset, each with how many uses it has left. */
  faults: () =>
    call<{
      faults: ({ target: string; kind: string; remaining: number; invoice?: string } & Record<
        string,
        unknown
      >)[];
    }>("GET", "faults").then((r) => r.faults),
  /** How DOKU's answers are signed: each reading of its pages (reset puts back `standard`). */
  signing: (mode: "standard" | "get-without-digest" | "unsigned") =>
    call("POST", "signing", { mode }),
  /** The shape of notification and Check Status bodies (reset puts back `full`). */
  envelope: (shape: "full" | "sparse") => call("POST", "envelope", { shape }),
  /** What the sandbox's SMTP mailbox received, newest first (reset empties it). */
  mail: () => call<{ messages: SandboxMail[] }>("GET", "mailbox/messages").then((r) => r.messages),
  /** The next `count` emails are refused with a temporary SMTP error. */
  refuseMail: (count: number) => call("POST", "mailbox/refusals", { count }),
};

export interface SandboxMail {
  id: number;
  receivedAt: string;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
}

/** Waits until the mailbox holds `count` emails to `to` (the sender runs every few hundred ms). */
export async function mailTo(to: string, count = 1): Promise<SandboxMail[]> {
  let found: SandboxMail[] = [];
  await expect
    .poll(
      async () => (found = (await sandbox.mail()).filter((m) => m.envelope.to.includes(to))).length,
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(count);
  return found.reverse();
}
