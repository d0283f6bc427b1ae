// Readiness, what a load balancer or Docker's HEALTHCHECK asks before sending shoppers: the
// database answers and has every migration this build expects. Liveness (lib/health.ts) is apart,
// so that a database outage takes an instance out of rotation without getting it restarted.
import "server-only";
import { database } from "@/lib/db/client";
import { pendingMigrations } from "@/lib/db/migration-status";
import { logError } from "@/lib/log";

/** A PostgreSQL that stopped answering would otherwise hold the check open until the prober gives up. */
const TIMEOUT_MS = 5000;

export interface Readiness {
  ok: boolean;
  /**
   * Coarse, as the route is public (the proxy skips /api/): the driver's own words (an internal
   * address, a user name) go to the error log only.
   */
  database: "ok" | "unavailable";
  /**
   * "ok", or which migrations are not applied (their tags are in the public repository, and name
   * what an operator must run), or "unknown" when the database did not answer.
   */
  migrations: string;
}

export async function readiness(): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${TIMEOUT_MS} ms`)),
      TIMEOUT_MS,
    );
  });
  try {
    const db = database();
    await Promise.race([db.ping(), timeout]);
    const pending = await Promise.race([pendingMigrations(db), timeout]);
    if (pending.length === 0) return { ok: true, database: "ok", migrations: "ok" };
    return {
      ok: false,
      database: "ok",
      migrations: `not applied: ${pending.join(", ")} (run the migrations: node scripts/db-migrate.mjs, or npm run db:migrate)`,
    };
  } catch (error) {
    logError({ event: "readiness", database: (error as Error).message });
    return { ok: false, database: "unavailable", migrations: "unknown" };
  } finally {
    clearTimeout(timer);
  }
}
