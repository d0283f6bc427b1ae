// One autocannon run that sends every request of a list exactly once, at a given concurrency
// (HTTP/1.1 keep-alive, one request in flight per connection). Measured on our side: autocannon's
// own histogram has 1 ms resolution and its duration is rounded up to its next 1 s tick, so
// latencies (float ms, from its `response` events) and the wall time from the start to the last
// response are recorded here.
import autocannon, { type Result } from "autocannon";

export interface BenchRequest {
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  path: string;
  connections: number;
  sent: number;
  completed: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(values: number[]): { p50: number; p99: number } {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function runLoad(baseUrl: string, path: string, connections: number, requests: BenchRequest[]): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let sent = 0;
  let lastResponse = 0;
  const started = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        amount: requests.length,
        timeout: 30,
        requests: [
          {
            method: "POST",
            path,
            // The next request of the list, taken when autocannon builds each request.
            setupRequest: (request) => {
              const next = requests[sent++];
              if (!next) throw new Error(`${path}: autocannon asked for more than ${requests.length} requests`);
              return { ...request, headers: next.headers, body: next.body };
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status < 200 || status > 299) non2xx++;
      lastResponse = performance.now();
    });
  });
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  return {
    path,
    connections,
    sent,
    completed: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    ...summarise(latencies),
    errors: result.errors + result.timeouts,
    non2xx,
  };
}

/** `amount` GET requests of one path at a given concurrency (the page benchmark). */
export async function runGets(baseUrl: string, path: string, connections: number, amount: number, headers?: Record<string, string>): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let lastResponse = 0;
  const started = performance.now();
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({ url: baseUrl, connections, amount, timeout: 30, requests: [{ method: "GET", path, headers }] }, (error, r) =>
      error ? reject(error) : resolve(r),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status < 200 || status > 299) non2xx++;
      lastResponse = performance.now();
    });
  });
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  return { path, connections, sent: amount, completed: latencies.length, seconds, rps: latencies.length / seconds, ...summarise(latencies), errors: result.errors + result.timeouts, non2xx };
}
