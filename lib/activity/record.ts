// Writes one activity entry, inside the transaction of the change it describes, so an entry
// exists exactly when its change does. Entries are never changed or deleted by the app (a
// database trigger refuses it; lib/activity/retention.ts says for how long).
import type { Tx } from "@/lib/db/connection";
import { activityLog } from "@/lib/db/schema";
import type { ActivityAction, ActivitySubject, UserRole } from "@/lib/db/schema/values";

/** The person acting, as they are at this moment; null when nobody is signed in. */
export interface Actor {
  id: number;
  name: string;
  role: UserRole;
}

export interface ActivityEntry {
  actor: Actor | null;
  action: ActivityAction;
  subject?: { type: ActivitySubject; id: string | number } | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** The client behind trusted proxies (lib/limits/client-address.ts), when known. */
  clientAddress?: string | null;
  at?: Date;
}

/** Longest text kept from anything a client typed (an email tried at sign-in). */
export const MAX_TYPED_TEXT = 254;

export async function recordActivity(tx: Tx, entry: ActivityEntry): Promise<void> {
  await tx.insert(activityLog).values({
    actorId: entry.actor?.id ?? null,
    actorName: entry.actor?.name ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject ? String(entry.subject.id) : null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    clientAddress: entry.clientAddress?.slice(0, 64) ?? null,
    createdAt: entry.at ?? new Date(),
  });
}
