// `npm run doku:doctor` against the local sandbox in each of its signing modes, with the running
// production build as the app whose notification URL must answer.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { sandbox } from "./support/sandbox";

function doctor(): { code: number | null; output: string } {
  const run = spawnSync("npm", ["run", "--silent", "doku:doctor"], {
    env: { ...process.env, ...E2E.env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

test.beforeEach(async () => {
  await sandbox.reset();
});

test("doku:doctor passes against the sandbox as DOKU's pages read, and shows each step @faults", async () => {
  const { code, output } = doctor();
  console.log(output);
  expect(code, output).toBe(0);
  expect(output).toContain("✓ Configuration for production");
  expect(output).toMatch(
    /✓ generate-order for a test order of Rp 10\.000 \(CHECK-\d{8}-[0-9A-F]{8}\)\n {4}POST http:\/\/127\.0\.0\.1:4110\/kredivo-peer-to-peer\/v2\/generate-order → HTTP 200 in \d+ ms\n {4}response signature verified \(with the Digest line\)/,
  );
  expect(output).toContain("transaction.status PENDING");
  expect(output).toMatch(
    /✓ The notification URL reaches this app\n {4}POST http:\/\/localhost:3100\/api\/doku\/notifications \(unsigned\) → HTTP 401 in \d+ ms, refused by this app \(rejected:missing_header\)/,
  );
  expect(output).toContain(`Notification URL: ${E2E.appUrl}/api/doku/notifications`);
  expect(output).toContain("All checks passed.");
  const [order] = await sandbox.orders();
  expect(order).toMatchObject({ amount: 10_000, status: "PENDING", checkStatusCalls: 1 });
});

test("doku:doctor accepts a Check Status answer signed without the Digest line, and names it @faults", async () => {
  await sandbox.signing("get-without-digest");
  const { code, output } = doctor();
  expect(code, output).toBe(0);
  expect(output).toMatch(
    /✓ Check Status for the test order\n.*\n {4}response signature verified \(without the Digest line\)/,
  );
});

test("doku:doctor reads a sparse Check Status answer (nulls, gaps, unknown fields) @faults", async () => {
  await sandbox.envelope("sparse");
  const { code, output } = doctor();
  expect(code, output).toBe(0);
  expect(output).toMatch(
    /✓ Check Status for the test order\n(.*\n){2} {4}transaction\.status PENDING/,
  );
});

test("doku:doctor fails, exit 1, on unsigned answers and lists the headers it received @faults", async () => {
  await sandbox.signing("unsigned");
  const { code, output } = doctor();
  console.log(output);
  expect(code, output).toBe(1);
  expect(output).toContain("✗ generate-order for a test order");
  expect(output).toContain(
    "response signature did NOT verify: no Response-Timestamp or Signature header in the response",
  );
  expect(output).toContain(
    "headers received: Client-Id missing, Request-Id missing, Response-Timestamp missing, Signature missing",
  );
  expect(output).toContain("✗ Check Status for the test order");
  expect(output).toContain("2 check(s) failed.");
});
