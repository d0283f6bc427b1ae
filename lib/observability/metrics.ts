// The shop's Prometheus metrics, in a registry of their own (not prom-client's global one), with
// the process's default metrics. The counters count what this process did since it started;
// what every instance must agree on (overdue payments, the email backlog, the reconciler's last
// run) is read from the database at scrape time (./database-gauges.ts). Kept on globalThis: the
// instrumentation bundle (the mailer, the reconciler) and the route bundles must share them.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const made = {
    registry,
    ordersPlaced: new Counter({
      name: "shop_orders_placed_total",
      help: "Orders placed at checkout (saved with their units reserved, before DOKU is asked).",
      registers,
    }),
    payments: new Counter({
      name: "shop_payments_total",
      help: "Payment attempts moved by the state machine, by the status they moved to.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    notifications: new Counter({
      name: "shop_notifications_total",
      help: "DOKU notifications received, by verdict (verified or why refused) and outcome class.",
      labelNames: ["verdict", "outcome"] as const,
      registers,
    }),
    signatureFailures: new Counter({
      name: "shop_signature_failures_total",
      help: "Signatures that did not verify: on a notification, or on an answer from DOKU.",
      labelNames: ["source"] as const,
      registers,
    }),
    dokuRequests: new Counter({
      name: "shop_doku_requests_total",
      help: "Calls to DOKU, by endpoint and HTTP status (or timeout, network).",
      labelNames: ["endpoint", "status"] as const,
      registers,
    }),
    dokuDuration: new Histogram({
      name: "shop_doku_request_duration_seconds",
      help: "How long DOKU took to answer, by endpoint (failed calls included).",
      labelNames: ["endpoint"] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers,
    }),
    emails: new Counter({
      name: "shop_emails_total",
      help: "Tries at sending an email from the outbox, by kind and result (sent, retrying, failed, limited).",
      labelNames: ["kind", "status"] as const,
      registers,
    }),
    overduePayments: new Gauge({
      name: "shop_payments_overdue",
      help: "Payment attempts still open (creating or pending) past their expiry, from the database.",
      registers,
    }),
    emailBacklog: new Gauge({
      name: "shop_email_backlog",
      help: "Emails in the outbox not sent yet (queued or being sent), from the database.",
      registers,
    }),
    emailBacklogOldest: new Gauge({
      name: "shop_email_backlog_oldest_seconds",
      help: "Age of the oldest email in the outbox not sent yet; 0 when there is none.",
      registers,
    }),
    reconcilerLastRun: new Gauge({
      name: "shop_reconciler_last_run_timestamp_seconds",
      help: "When the reconciler last finished a run (any instance), unix seconds; 0 when never.",
      registers,
    }),
    reconcilerLastOk: new Gauge({
      name: "shop_reconciler_last_success_timestamp_seconds",
      help: "When the reconciler last finished a run without an error, unix seconds; 0 when never.",
      registers,
    }),
    databaseUp: new Gauge({
      name: "shop_metrics_database_up",
      help: "1 when the database gauges were read at this scrape, 0 when the database failed.",
      registers,
    }),
  };
  // Known series start at 0, so a rate over them is defined before the first event.
  for (const outcome of ["paid", "failed", "expired", "refunded"])
    made.payments.inc({ outcome }, 0);
  for (const source of ["notification", "doku_response"]) made.signatureFailures.inc({ source }, 0);
  return made;
}

export type ShopMetrics = ReturnType<typeof create>;

const globalForMetrics = globalThis as unknown as { __shopMetrics?: ShopMetrics };

export function metrics(): ShopMetrics {
  globalForMetrics.__shopMetrics ??= create();
  return globalForMetrics.__shopMetrics;
}

/**
 * A notification's outcome as a bounded label: the part before any `:` or `(` (`paid`,
 * `duplicate`, `flagged`, `ignored`, `rejected`, `unknown_invoice`, `error`, …), never the detail.
 */
export function outcomeClass(outcome: string): string {
  return /^[a-z_]+/.exec(outcome)?.[0] ?? "other";
}
