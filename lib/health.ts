// What a load balancer or Docker's HEALTHCHECK asks: the process serves and its database answers.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

export function health(): { ok: boolean; database: "ok" | string } {
  try {
    db().get(sql`SELECT 1`);
    return { ok: true, database: "ok" };
  } catch (error) {
    return { ok: false, database: (error as Error).message };
  }
}
