// `npm run reconcile` (in the image: `node scripts/reconcile.mjs`): one reconciliation pass, on
// demand or from cron, with the app's own configuration. The run is recorded like the schedule's
// (lib/payments/reconcile-runs.ts), so the last-run metric is right where cron does the reconciling.
import { appEnvOrExit } from "./load-env";

const env = await appEnvOrExit(1);
const { recordReconcileRun } = await import("../lib/payments/reconcile-runs");
const startedAt = new Date();
let result: import("../lib/payments/reconcile-runs").ReconcileRun["result"];
try {
  const { pruneNoise } = await import("../lib/payments/prune-noise");
  const pruned = await pruneNoise();
  console.log(
    `pruned: ${pruned.noise} unverified notification(s), ${pruned.counters} expired limit counter(s), ${pruned.carts} expired cart(s), ${pruned.alerts} old alert(s), ${pruned.activity} activity entry(ies) past retention`,
  );
  const { completeDeliveredOrders } = await import("../lib/fulfilment/staff");
  const completed = await completeDeliveredOrders(env.ORDER_COMPLETE_AFTER_DAYS);
  console.log(
    `completed: ${completed.length} order(s) delivered ${env.ORDER_COMPLETE_AFTER_DAYS}+ day(s) ago`,
  );
  const { reconcileOnce } = await import("../lib/payments/reconcile");
  const report = await reconcileOnce({ minAgeMs: env.RECONCILE_MIN_AGE_MS });
  result = { ok: true, report };
  console.log(
    `reconciled: ${report.checked} checked, ${report.changed.length} changed${report.dokuErrors ? `, stopped on a DOKU error` : ""}`,
  );
  for (const change of report.changed)
    console.log(`  attempt ${change.attemptId}: ${change.outcome}`);
} catch (error) {
  result = { ok: false, error: (error as Error).message };
  console.error(`reconcile failed: ${result.error}`);
}
await recordReconcileRun({ startedAt, finishedAt: new Date(), result }).catch((error: unknown) =>
  console.error(`could not record the run: ${(error as Error).message}`),
);
process.exit(!result.ok ? 1 : result.report.dokuErrors > 0 ? 2 : 0);
