// The shop's own spans, through the OpenTelemetry API only: when no SDK is registered (tracing off,
// lib/observability/start-tracing.ts never loaded) every call here is the API's no-op and costs a
// function call. Pure, so the sender, scripts and tests use it as they are.
import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Link,
  type Span,
} from "@opentelemetry/api";

export type { Span };

/** The instrumentation scope every span of the shop is created under. */
export const TRACER_NAME = "doku-kredivo-shop";

export interface SpanOptions {
  /** A span that starts a trace of its own (a timer's work), linked to where its cause was traced. */
  root?: boolean;
  links?: Link[];
  kind?: "internal" | "client";
}

/**
 * Runs `work` inside a span named `name`, the active span for whatever it calls (log lines, child
 * spans). A thrown error marks the span as failed and is rethrown unchanged.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
  options: SpanOptions = {},
): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(
    name,
    {
      attributes,
      root: options.root,
      links: options.links,
      kind: options.kind === "client" ? SpanKind.CLIENT : SpanKind.INTERNAL,
    },
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Adds attributes to the active span, if one is being recorded. */
export function annotate(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** The active span's ids for a log line, or nothing when no span is being recorded. */
export function traceFields(): { traceId: string; spanId: string } | Record<string, never> {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/**
 * The active span as a W3C traceparent (`00-<trace>-<span>-<flags>`), to store with work done
 * later elsewhere (an outbox row); null when nothing is being recorded.
 */
export function currentTraceparent(): string | null {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return null;
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, "0")}`;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A link to the span a stored traceparent names; none for null or anything malformed. */
export function linksTo(traceparent: string | null): Link[] {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return [];
  return [
    {
      context: {
        traceId: match[1]!,
        spanId: match[2]!,
        traceFlags: Number.parseInt(match[3]!, 16),
        isRemote: true,
      },
    },
  ];
}
