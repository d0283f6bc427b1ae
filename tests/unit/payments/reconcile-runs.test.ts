// The reconciler's schedule records each run in reconciler_runs (lib/payments/reconcile-runs.ts),
// the row the metrics read and alerts on "no run for three intervals" need: a good run sets its
// finish and success times, a run that fails sets its finish time and error and keeps the last
// success.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { migratedAndSeeded, setTestEnv, startAppSandbox } from "../../support/app-db";

vi.mock("@/lib/payments/prune-noise", async (original) => {
  const real = await original<typeof import("@/lib/payments/prune-noise")>();
  return { ...real, pruneNoise: vi.fn(real.pruneNoise) };
});

setTestEnv({ RECONCILE_MIN_AGE_MS: "0" });
const sandbox = await startAppSandbox();
const { startReconciler } = await import("@/lib/payments/reconcile-schedule");
const { lastReconcileRun } = await import("@/lib/payments/reconcile-runs");
const prune = await import("@/lib/payments/prune-noise");

beforeAll(async () => {
  await migratedAndSeeded();
});
afterAll(() => sandbox.close());

/** Starts the schedule with its real pass and runs it once. */
async function runOnce(): Promise<void> {
  // The start-once guard lives on globalThis for the process; each run starts a chain of its own.
  delete (globalThis as { __reconcilerStarted?: boolean }).__reconcilerStarted;
  const timers: (() => Promise<void>)[] = [];
  expect(startReconciler(30_000, { setTimer: (run) => void timers.push(run) })).toBe(true);
  await timers.shift()!();
}

describe("the reconciler's last run", () => {
  it("is recorded after each run of the schedule, failures with their error", async () => {
    expect(await lastReconcileRun()).toBeNull();
    const before = Date.now();
    await runOnce();
    const good = await lastReconcileRun();
    expect(good).toMatchObject({ name: "reconciler", lastError: null, dokuErrors: 0 });
    expect(good!.lastFinishedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(good!.lastOkAt).toEqual(good!.lastFinishedAt);

    vi.mocked(prune.pruneNoise).mockRejectedValueOnce(new Error("disk full"));
    const quiet = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await runOnce();
    quiet.mockRestore();
    const bad = await lastReconcileRun();
    expect(bad).toMatchObject({ lastError: "disk full", lastOkAt: good!.lastOkAt });
    expect(bad!.lastFinishedAt.getTime()).toBeGreaterThanOrEqual(good!.lastFinishedAt.getTime());
  });
});
