// One autocannon run, measured on our side: autocannon's own histogram has 1 ms resolution and
// reports a duration rounded up to its next 1 s tick, so latencies (float ms, from its `response`
// events) and the wall time from start to the last response are recorded here instead.
import autocannon, { type Result } from "autocannon";

export interface BenchRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadSpec {
  label: string;
  baseUrl: string;
  path: string;
  connections: number;
  /** Exactly this many requests… */
  amount?: number;
  /** …or as many as fit in this many seconds. */
  durationS?: number;
  /** The same request every time… */
  request?: BenchRequest;
  /** …or the next one from a list, taken when autocannon builds each request. */
  next?: () => BenchRequest;
}

export interface LoadResult {
  label: string;
  connections: number;
  completed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function summarise(values: number[]): { p50: number; p99: number; mean: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, max: sorted[sorted.length - 1] ?? NaN };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let lastResponse = 0;
  const base = { method: "POST", path: spec.path };
  const request = spec.next
    ? {
        ...base,
        setupRequest: (req: object) => {
          const n = spec.next!();
          return { ...req, headers: n.headers, body: n.body };
        },
      }
    : { ...base, headers: spec.request?.headers ?? {}, body: spec.request?.body ?? Buffer.alloc(0) };

  const started = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.baseUrl,
        connections: spec.connections,
        ...(spec.amount !== undefined ? { amount: spec.amount } : { duration: spec.durationS ?? 10 }),
        timeout: 30,
        requests: [request],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      lastResponse = performance.now();
    });
  });
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  const non2xx = Object.entries(statusCodes)
    .filter(([code]) => !code.startsWith("2"))
    .reduce((n, [, count]) => n + count, 0);
  return {
    label: spec.label,
    connections: spec.connections,
    completed: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    ...summarise(latencies),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx,
    statusCodes,
  };
}
