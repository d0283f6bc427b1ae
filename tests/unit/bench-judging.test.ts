// The flash bench's judging (bench/load.ts, bench/flash-report.ts) without running the bench: a
// wrong body or an error status fails the run and is left out of req/s and the percentiles.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFailures } from "@/bench/flash-report";
import { failedRequests, runGets } from "@/bench/load";

let server: Server;
let url = "";
let served = 0;
beforeAll(async () => {
  // Every third answer is an error page, every fifth a 500: what a broken build serves fast.
  server = createServer((_req, res) => {
    served++;
    if (served % 5 === 0) res.writeHead(500).end("boom");
    else if (served % 3 === 0) res.writeHead(200).end('<div data-testid="shop-error">');
    else res.writeHead(200).end("<h1>the page</h1>");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("bench judging", () => {
  it("counts wrong bodies and error statuses as failed, and times only the right pages", async () => {
    served = 0;
    const result = await runGets(url, "/", 2, 60, { expect: (body) => body.includes("the page") });
    expect(result.completed).toBe(60);
    expect(result.non2xx).toBe(12);
    expect(result.wrongBody).toBe(16);
    expect(failedRequests(result)).toBe(28);
    expect(result.rps * result.seconds).toBeCloseTo(32, 5);
    expect(
      requestFailures({
        pages: [
          {
            label: "catalogue",
            round: 1,
            page: result,
            file: { ...result, non2xx: 0, wrongBody: 0 },
          },
        ],
      }),
    ).toEqual(["catalogue page #1 (/): 0 errors, 12 non-2xx, 16 not the intended page, of 60"]);
  });
});
