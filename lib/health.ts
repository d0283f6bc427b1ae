// What a load balancer or Docker's HEALTHCHECK asks: the process serves and its database answers.
import "server-only";
import { database } from "@/lib/db/client";

/** A PostgreSQL that stopped answering would otherwise hold the check open until the prober gives up. */
const PING_TIMEOUT_MS = 5000;

export async function health(): Promise<{ ok: boolean; database: "ok" | string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the database did not answer within ${PING_TIMEOUT_MS} ms`)),
        PING_TIMEOUT_MS,
      );
    });
    await Promise.race([database().ping(), timeout]);
    return { ok: true, database: "ok" };
  } catch (error) {
    return { ok: false, database: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
