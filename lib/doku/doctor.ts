// `npm run doku:doctor`: before the first live call, try every part of the money path that can be
// tried without a shopper, with the merchant's own configuration, and say what to fix. One small
// test order is created at DOKU (never paid; it expires by itself), its status is asked, and the
// notification route is reached from the URL DOKU will call.
import { randomBytes } from "node:crypto";
import type { Env } from "@/lib/env";
import { productionProblems } from "@/lib/production-checks";
import { createDokuClient, type DokuError, type DokuExchange } from "./client";
import type { ResponseSignatureCheck } from "./response-signature";
import type { GenerateOrderRequest } from "./schemas";

export interface DoctorStep {
  name: string;
  ok: boolean;
  lines: string[];
}

/** The amount of the test order, in rupiah: small, and above Kredivo's minimum transaction. */
export const DOCTOR_AMOUNT = 10_000;

function testOrder(env: Env, invoice: string): GenerateOrderRequest {
  const person = {
    first_name: "Go-live",
    last_name: "Check",
    phone: "6281100000000",
    email: "go-live-check@example.com",
  };
  const address = {
    ...person,
    address: "Go-live check (not a real order)",
    city: "Jakarta",
    postal_code: "10110",
    country_code: "IDN",
  };
  return {
    order: {
      invoice_number: invoice,
      amount: DOCTOR_AMOUNT,
      callback_url: `${env.APP_BASE_URL}/`,
      line_items: [
        {
          id: "go-live-check",
          name: "Go-live check (do not pay)",
          price: DOCTOR_AMOUNT,
          quantity: 1,
          type: "OTHERS",
          url: `${env.APP_BASE_URL}/`,
        },
      ],
    },
    peer_to_peer_info: { merchant_unique_reference: `MUR-${invoice}`, expired_time: 15 },
    customer: {
      first_name: person.first_name,
      last_name: person.last_name,
      phone: person.phone,
      email: person.email,
    },
    shipping_address: {
      first_name: address.first_name,
      last_name: address.last_name,
      address: address.address,
      city: address.city,
      postal_code: address.postal_code,
      phone: address.phone,
      country_code: "IDN",
    },
    ...(env.DOKU_OVERRIDE_NOTIFICATION_URL
      ? { additional_info: { override_notification_url: env.DOKU_OVERRIDE_NOTIFICATION_URL } }
      : {}),
  };
}

/** The URL DOKU will post notifications to. */
export function notificationUrl(env: Env): string {
  return env.DOKU_OVERRIDE_NOTIFICATION_URL ?? `${env.APP_BASE_URL}${env.DOKU_NOTIFICATION_PATH}`;
}

function describeError(error: DokuError): string {
  switch (error.kind) {
    case "timeout":
      return `no answer within ${error.timeoutMs} ms`;
    case "network":
      return `could not connect: ${error.message}`;
    case "http":
      return `HTTP ${error.status}: ${error.code ?? "no error code"}${error.message ? ` (${error.message})` : ""}`;
    case "bad_signature":
      return `response signature: ${error.check.problem}`;
    case "bad_response":
      return `the answer could not be read: ${error.issues}`;
    case "payment_failed":
      return "DOKU answered payment.status FAILED (is Kredivo enabled for this Client ID?)";
  }
}

function signatureLines(check: ResponseSignatureCheck | null): string[] {
  if (!check) return [];
  if (check.valid)
    return [
      `response signature verified (${check.variant === "with_digest" ? "with the Digest line" : "without the Digest line"})`,
    ];
  const present = Object.entries(check.headers)
    .map(([name, here]) => `${name} ${here ? "present" : "missing"}`)
    .join(", ");
  return [
    `response signature did NOT verify: ${check.problem}`,
    `headers received: ${present}`,
    ...check.tried.map(
      (c, i) => `component string tried (${i + 1}):\n${c.replace(/^/gm, "      ")}`,
    ),
  ];
}

const exchangeLine = (exchange: DokuExchange) =>
  `${exchange.method} ${exchange.url} → ${exchange.status === null ? "no answer" : `HTTP ${exchange.status}`} in ${exchange.durationMs} ms`;

export async function runDoctor(
  env: Env,
  options: { fetch?: typeof fetch } = {},
): Promise<DoctorStep[]> {
  const steps: DoctorStep[] = [];
  const fetchImpl = options.fetch ?? fetch;

  const problems = productionProblems(env);
  steps.push({
    name: "Configuration for production",
    ok: problems.length === 0,
    lines: problems.length
      ? problems
      : [
          `APP_BASE_URL ${env.APP_BASE_URL}, DOKU_BASE_URL ${env.DOKU_BASE_URL}, no published secret`,
        ],
  });

  // Report, never enforce: the doctor wants to see DOKU's answer even when its signature fails.
  const client = createDokuClient({
    baseUrl: env.DOKU_BASE_URL,
    clientId: env.DOKU_CLIENT_ID,
    secretKey: env.DOKU_SECRET_KEY,
    timeoutMs: env.DOKU_TIMEOUT_MS,
    responseSignature: "report",
    fetch: fetchImpl,
  });
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, "");
  const invoice = `CHECK-${stamp}-${randomBytes(4).toString("hex").toUpperCase()}`;

  const created = await client.generateOrder(testOrder(env, invoice));
  const createdLines = [
    exchangeLine(created.exchange),
    ...signatureLines(created.exchange.signatureCheck),
  ];
  if (created.ok)
    createdLines.push(
      `payment.status ${created.data.payment.status}, payment.url ${created.data.payment.url}`,
    );
  else createdLines.push(describeError(created.error));
  steps.push({
    name: `generate-order for a test order of Rp ${DOCTOR_AMOUNT.toLocaleString("id-ID")} (${invoice})`,
    ok: created.ok && created.verified,
    lines: createdLines,
  });

  const status = await client.checkStatus(invoice);
  const statusLines = [
    exchangeLine(status.exchange),
    ...signatureLines(status.exchange.signatureCheck),
  ];
  if (status.ok) statusLines.push(`transaction.status ${status.data.transaction.status}`);
  else statusLines.push(describeError(status.error));
  steps.push({
    name: "Check Status for the test order",
    ok: status.ok && status.verified,
    lines: statusLines,
  });

  // DOKU will post to this URL: an unsigned POST must come back 401 from this very app.
  const url = notificationUrl(env);
  let reach: DoctorStep;
  try {
    const started = performance.now();
    const response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
      signal: AbortSignal.timeout(10_000),
      redirect: "manual",
    });
    const body = (await response.json().catch(() => null)) as { outcome?: unknown } | null;
    const ours =
      response.status === 401 &&
      typeof body?.outcome === "string" &&
      body.outcome.startsWith("rejected:");
    reach = {
      name: "The notification URL reaches this app",
      ok: ours,
      lines: [
        `POST ${url} (unsigned) → HTTP ${response.status} in ${Math.round(performance.now() - started)} ms${ours ? `, refused by this app (${String(body!.outcome)})` : ""}`,
        ...(ours
          ? []
          : [
              "expected 401 from this app's notification route: check APP_BASE_URL, DOKU_NOTIFICATION_PATH, and the proxy in front of the app",
            ]),
      ],
    };
  } catch (error) {
    reach = {
      name: "The notification URL reaches this app",
      ok: false,
      lines: [`POST ${url} failed: ${(error as Error).message}`],
    };
  }
  steps.push(reach);

  steps.push({
    name: "Set in DOKU's Back Office",
    ok: true,
    lines: [
      `Notification URL: ${env.APP_BASE_URL}${env.DOKU_NOTIFICATION_PATH}${env.DOKU_OVERRIDE_NOTIFICATION_URL ? ` (each order overrides it with ${env.DOKU_OVERRIDE_NOTIFICATION_URL})` : ""}`,
      `Kredivo enabled for Client ID ${env.DOKU_CLIENT_ID}`,
      `the Secret Key in .env (DOKU_SECRET_KEY) is the one shown for that Client ID`,
    ],
  });
  return steps;
}

export function formatDoctor(steps: DoctorStep[]): string {
  const out = steps.map((step) =>
    [`${step.ok ? "✓" : "✗"} ${step.name}`, ...step.lines.map((line) => `    ${line}`)].join("\n"),
  );
  const failed = steps.filter((s) => !s.ok).length;
  out.push(failed === 0 ? "All checks passed." : `${failed} check(s) failed.`);
  return out.join("\n");
}
