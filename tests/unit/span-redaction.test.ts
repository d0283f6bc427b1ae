// What a trace may not carry (lib/observability/span-redaction.ts, start-tracing.ts): an order's
// access token, a query string, the alert webhook's URL (its path is its password) or another
// configured secret, whether set when the span starts or later; and the webhook's posts make no
// span at all, through @vercel/otel's own fetch instrumentation configured as the shop starts it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-base";
import { FetchInstrumentation } from "@vercel/otel";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedactingSpanProcessor, secretForms } from "@/lib/observability/span-redaction";
import { tracingConfiguration, webhookUrlPrefix } from "@/lib/observability/start-tracing";

const TOKEN = "Zq3xT9bK2mV7nP4wR8sY1cD6fG0hJ5kL";
const WEBHOOK_PATH = "/services/T0SHOP/B0ALERTS/s3cretWebhookPathXyz";
const SECRET_KEY = "SK-DOKU-unit-000000000000000001";

/** Every string an exporter would send for these spans: names, attributes, events. */
function exported(spans: ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })),
  );
}

describe("the redacting span processor", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new RedactingSpanProcessor({
        secretPathUrls: [`https://hooks.slack.example${WEBHOOK_PATH}`],
        values: [SECRET_KEY],
        credentialUrls: ["smtp://shop:mail-pass-2026@mail.example:587"],
      }),
      new SimpleSpanProcessor(exporter),
    ],
  });
  const tracer = provider.getTracer("test");
  beforeEach(() => exporter.reset());

  it("turns an order's token into :token and drops query strings, in the name and URL attributes", () => {
    const span = tracer.startSpan(`GET /orders/${TOKEN}/return?status=SUCCESS&invoice=INV-1`, {
      kind: SpanKind.SERVER,
      attributes: {
        "http.method": "GET",
        "http.target": `/orders/${TOKEN}/return?status=SUCCESS&invoice=INV-1`,
        "url.query": "status=SUCCESS",
      },
    });
    // Set after the start, as Next and the fetch instrumentation do.
    span.setAttribute("http.url", `https://toko.example/api/orders/${TOKEN}/status?x=1`);
    span.setAttribute("url.full", `https://toko.example/en/orders/${TOKEN}`);
    span.setAttribute("url.path", `/orders/${TOKEN}/cancel`);
    span.updateName(`RSC GET /orders/${TOKEN}`);
    span.end();

    const [done] = exporter.getFinishedSpans();
    expect(done!.name).toBe("RSC GET /orders/:token");
    expect(done!.attributes).toEqual({
      "http.method": "GET",
      "http.target": "/orders/:token/return",
      "http.url": "https://toko.example/api/orders/:token/status",
      "url.full": "https://toko.example/en/orders/:token",
      "url.path": "/orders/:token/cancel",
    });
    expect(exported(exporter.getFinishedSpans())).not.toContain(TOKEN);
  });

  it("keeps the back office's order numbers and Next's route templates", () => {
    const span = tracer.startSpan("GET /admin/orders/17", {
      attributes: { "http.target": "/admin/orders/17", "next.route": "/[locale]/orders/[token]" },
    });
    span.end();
    const [done] = exporter.getFinishedSpans();
    expect(done!.name).toBe("GET /admin/orders/17");
    expect(done!.attributes).toEqual({
      "http.target": "/admin/orders/17",
      "next.route": "/[locale]/orders/[token]",
    });
  });

  it("replaces the webhook URL, its path, a secret and a URL's password wherever they appear, events included", () => {
    const span = tracer.startSpan(`fetch POST https://hooks.slack.example${WEBHOOK_PATH}`, {
      attributes: { "http.url": `https://hooks.slack.example${WEBHOOK_PATH}` },
    });
    span.setAttribute("resource.name", `${WEBHOOK_PATH}`);
    span.setAttribute("error.detail", `signature with ${SECRET_KEY} failed`);
    span.recordException(
      new Error("connect to smtp://shop:mail-pass-2026@mail.example:587 refused"),
    );
    span.end();
    const text = exported(exporter.getFinishedSpans());
    for (const secret of [WEBHOOK_PATH, SECRET_KEY, "mail-pass-2026"])
      expect(text).not.toContain(secret);
    const [done] = exporter.getFinishedSpans();
    expect(done!.name).toBe("fetch POST [redacted]");
    expect(done!.attributes["error.detail"]).toBe("signature with [redacted] failed");
  });

  it("lists a URL whole before its path, and ignores short or empty values", () => {
    expect(
      secretForms({ secretPathUrls: ["https://x.example/hooks/abcdef"], values: ["", "short"] }),
    ).toEqual(["https://x.example/hooks/abcdef", "/hooks/abcdef"]);
    expect(secretForms({ credentialUrls: ["postgres://shop@db/shop", undefined] })).toEqual([]);
  });
});

describe("the fetch instrumentation as start-tracing.ts configures it", () => {
  let server: Server;
  let base = "";
  const exporter = new InMemorySpanExporter();
  let instrumentation: FetchInstrumentation;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(204).end());
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = tracingConfiguration({
      ALERT_WEBHOOK_URL: `${base}${WEBHOOK_PATH}`,
      DOKU_SECRET_KEY: SECRET_KEY,
    });
    const processors = config.spanProcessors!.filter((p) => p !== "auto");
    const provider = new BasicTracerProvider({
      spanProcessors: [...processors, new SimpleSpanProcessor(exporter)],
    });
    instrumentation = new FetchInstrumentation(config.instrumentationConfig!.fetch);
    instrumentation.setTracerProvider(provider);
    instrumentation.enable();
  });
  afterAll(async () => {
    instrumentation.disable();
    trace.disable();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => exporter.reset());

  it("makes no span for a post to the webhook", async () => {
    expect((await fetch(`${base}${WEBHOOK_PATH}`, { method: "POST", body: "{}" })).status).toBe(
      204,
    );
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("still traces other requests, with an order's token and the query taken out", async () => {
    await fetch(`${base}/orders/${TOKEN}?from=x`);
    await expect.poll(() => exporter.getFinishedSpans().length).toBe(1);
    const [span] = exporter.getFinishedSpans();
    expect(span!.name).toBe(`fetch GET ${base}/orders/:token`);
    expect(span!.attributes["http.url"]).toBe(`${base}/orders/:token`);
    expect(exported([span!])).not.toContain(TOKEN);
  });

  it("honours the sender's per-call opt-out even without ignoreUrls", async () => {
    const bare = new FetchInstrumentation({});
    const provider = new BasicTracerProvider({
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    instrumentation.disable();
    bare.setTracerProvider(provider);
    bare.enable();
    try {
      await fetch(`${base}/other/hook`, { method: "POST", opentelemetry: { ignore: true } });
      expect(exporter.getFinishedSpans()).toEqual([]);
      await fetch(`${base}/other/hook`, { method: "POST" });
      await expect.poll(() => exporter.getFinishedSpans().length).toBe(1);
    } finally {
      bare.disable();
      instrumentation.enable();
    }
  });

  it("compares the webhook as the instrumentation does: the normalised URL", () => {
    expect(webhookUrlPrefix(" HTTPS://Hooks.Slack.com/services/a ")).toBe(
      "https://hooks.slack.com/services/a",
    );
    expect(webhookUrlPrefix("not a url")).toBeUndefined();
    expect(webhookUrlPrefix(undefined)).toBeUndefined();
  });
});
