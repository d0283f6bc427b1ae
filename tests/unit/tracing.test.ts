// lib/observability/tracing.ts and lib/log.ts: with no SDK registered (tracing off) spans are the
// API's no-op and log lines carry no ids; with one, a log line written inside a span carries its
// traceId and spanId, spans nest, a thrown error marks the span failed, and a stored traceparent
// becomes a link.
import { AsyncLocalStorage } from "node:async_hooks";
import {
  context,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type ContextManager,
} from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { logLine } from "@/lib/log";
import { currentTraceparent, inSpan, linksTo, traceFields } from "@/lib/observability/tracing";

/** What logLine wrote while `work` ran, parsed. */
async function logged(work: () => Promise<void>): Promise<Record<string, unknown>[]> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return written.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The context manager an SDK brings (AsyncLocalStorage), so the active span follows awaits. */
class AlsContextManager implements ContextManager {
  private storage = new AsyncLocalStorage<Context>();
  active = () => this.storage.getStore() ?? ROOT_CONTEXT;
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable = () => this;
  disable = () => {
    this.storage.disable();
    return this;
  };
}

describe("tracing off (no SDK registered)", () => {
  it("runs the work in a no-op span and logs without ids", async () => {
    const lines = await logged(() =>
      inSpan("checkout.place_order", {}, async (span) => {
        expect(span.isRecording()).toBe(false);
        expect(traceFields()).toEqual({});
        expect(currentTraceparent()).toBeNull();
        logLine({ event: "x" });
      }),
    );
    expect(lines).toEqual([{ event: "x" }]);
  });
});

describe("tracing on", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  beforeAll(() => {
    context.setGlobalContextManager(new AlsContextManager());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(() => {
    trace.disable();
    context.disable();
  });

  it("puts the active span's ids on log lines, and nests spans across awaits", async () => {
    let outer = { traceId: "", spanId: "" };
    let inner = { traceId: "", spanId: "" };
    const lines = await logged(() =>
      inSpan("doku.notification", { a: 1 }, async (span) => {
        outer = span.spanContext();
        await new Promise((resolve) => setTimeout(resolve, 1));
        logLine({ event: "outer" });
        await inSpan("payment.transition", {}, async (child) => {
          inner = child.spanContext();
          logLine({ event: "inner" });
        });
      }),
    );
    expect(lines).toEqual([
      { event: "outer", traceId: outer.traceId, spanId: outer.spanId },
      { event: "inner", traceId: outer.traceId, spanId: inner.spanId },
    ]);
    const finished = exporter.getFinishedSpans();
    const child = finished.find((s) => s.name === "payment.transition")!;
    expect(child.parentSpanContext?.spanId).toBe(outer.spanId);
    expect(await logged(async () => logLine({ event: "after" }))).toEqual([{ event: "after" }]);
  });

  it("marks a span whose work throws as failed, and rethrows", async () => {
    exporter.reset();
    await expect(
      inSpan("email.send", {}, async () => {
        throw new Error("SMTP refused");
      }),
    ).rejects.toThrow("SMTP refused");
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: "SMTP refused" });
  });

  it("stores the active span as a traceparent and turns it back into a link", async () => {
    exporter.reset();
    let stored: string | null = null;
    let queuedBy = { traceId: "", spanId: "" };
    await inSpan("payment.transition", {}, async (span) => {
      queuedBy = span.spanContext();
      stored = currentTraceparent();
    });
    expect(stored).toBe(`00-${queuedBy.traceId}-${queuedBy.spanId}-01`);
    await inSpan("email.send", {}, async () => {}, { root: true, links: linksTo(stored) });
    const send = exporter.getFinishedSpans().find((s) => s.name === "email.send")!;
    expect(send.parentSpanContext).toBeUndefined();
    expect(send.spanContext().traceId).not.toBe(queuedBy.traceId);
    expect(send.links.map((l) => [l.context.traceId, l.context.spanId])).toEqual([
      [queuedBy.traceId, queuedBy.spanId],
    ]);
    expect(linksTo("garbage")).toEqual([]);
    expect(linksTo(null)).toEqual([]);
  });
});
