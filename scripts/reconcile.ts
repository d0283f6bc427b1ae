// `npm run reconcile`: one reconciliation pass, on demand, with the app's own configuration.
import { appEnvOrExit } from "./load-env";

const env = await appEnvOrExit(1);
const { pruneNoise } = await import("../lib/payments/prune-noise");
const pruned = await pruneNoise();
console.log(
  `pruned: ${pruned.noise} unverified notification(s), ${pruned.counters} expired limit counter(s), ${pruned.carts} expired cart(s)`,
);
const { reconcileOnce } = await import("../lib/payments/reconcile");
const report = await reconcileOnce({ minAgeMs: env.RECONCILE_MIN_AGE_MS });
console.log(
  `reconciled: ${report.checked} checked, ${report.changed.length} changed${report.dokuErrors ? `, stopped on a DOKU error` : ""}`,
);
for (const change of report.changed)
  console.log(`  attempt ${change.attemptId}: ${change.outcome}`);
process.exit(report.dokuErrors > 0 ? 2 : 0);
