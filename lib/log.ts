// Structured logs: one JSON object per line, on stdout (stderr for errors), for whatever collects
// the process's output. Written to the stream directly rather than through `console`, which Next
// wraps even in production: the line is exactly the JSON object. A line written inside a traced
// span carries its traceId and spanId, so a log search leads to the trace and back.
import { traceFields } from "@/lib/observability/tracing";

type Fields = Record<string, unknown>;

export function logLine(fields: Fields): void {
  process.stdout.write(`${JSON.stringify({ ...fields, ...traceFields() })}\n`);
}

export function logError(fields: Fields): void {
  process.stderr.write(`${JSON.stringify({ ...fields, ...traceFields() })}\n`);
}
