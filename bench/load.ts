// One autocannon run that sends every request of a list exactly once, at a given concurrency
// (HTTP/1.1 keep-alive, one request in flight per connection). Measured on our side: autocannon's
// own histogram has 1 ms resolution and its duration is rounded up to its next 1 s tick, so
// latencies (float ms, from its `response` events) and the wall time from the start to the last
// response are recorded here. req/s and the percentiles count successful responses only (2xx, and
// for GETs given an `expect`, the intended body): a fast error page must not pass for a fast page.
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
  /** 2xx answers whose body was not the intended one (GETs given an `expect`). */
  wrongBody: number;
}

/** Requests that did not get the intended answer: transport errors, timeouts, non-2xx, wrong bodies. */
export const failedRequests = (l: LoadResult) => l.errors + l.non2xx + l.wrongBody;

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export function summarise(values: number[]): { p50: number; p99: number } {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export async function runLoad(
  baseUrl: string,
  path: string,
  connections: number,
  requests: BenchRequest[],
): Promise<LoadResult> {
  const latencies: number[] = [];
  let completed = 0;
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
              if (!next)
                throw new Error(
                  `${path}: autocannon asked for more than ${requests.length} requests`,
                );
              return { ...request, headers: next.headers, body: next.body };
            },
          },
        ],
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      completed++;
      if (status < 200 || status > 299) non2xx++;
      else latencies.push(ms);
      lastResponse = performance.now();
    });
  });
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  return {
    path,
    connections,
    sent,
    completed,
    seconds,
    rps: latencies.length / seconds,
    ...summarise(latencies),
    errors: result.errors + result.timeouts,
    non2xx,
    wrongBody: 0,
  };
}

export interface GetOptions {
  headers?: Record<string, string>;
  /** Whether a 2xx body is the intended page (e.g. it holds a marker of that page); others count as `wrongBody`. */
  expect?: (body: string) => boolean;
}

/** `amount` GET requests of one path at a given concurrency (the page benchmark). */
export async function runGets(
  baseUrl: string,
  path: string,
  connections: number,
  amount: number,
  options: GetOptions = {},
): Promise<LoadResult> {
  const { headers, expect } = options;
  const responses: { ms: number; is2xx: boolean; rightBody: boolean }[] = [];
  let lastResponse = 0;
  const started = performance.now();
  // autocannon calls verifyBody synchronously right after emitting that response's event
  // (lib/httpClient.js, kOnMessageComplete), so the last response recorded is the one of this body.
  const verifyBody = (body: string) => {
    const last = responses.at(-1);
    if (last && expect && !expect(body)) last.rightBody = false;
    return true;
  };
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        amount,
        timeout: 30,
        requests: [{ method: "GET", path, headers }],
        ...(expect ? { verifyBody } : {}),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      responses.push({ ms, is2xx: status >= 200 && status <= 299, rightBody: true });
      lastResponse = performance.now();
    });
  });
  const seconds = ((lastResponse || performance.now()) - started) / 1000;
  const good = responses.filter((r) => r.is2xx && r.rightBody).map((r) => r.ms);
  return {
    path,
    connections,
    sent: amount,
    completed: responses.length,
    seconds,
    rps: good.length / seconds,
    ...summarise(good),
    errors: result.errors + result.timeouts,
    non2xx: responses.filter((r) => !r.is2xx).length,
    wrongBody: responses.filter((r) => r.is2xx && !r.rightBody).length,
  };
}
