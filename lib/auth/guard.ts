// The server-side check every admin page and admin server action makes for itself; the proxy's
// redirect is a convenience, not the protection. The account is read from the database on every
// request (once per request, React's cache()), so a role changed or an account removed counts
// from the next request, whatever the session cookie still says.
import "server-only";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { recordActivity } from "@/lib/activity/record";
import { run, transaction } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { requestAddress } from "@/lib/limits/request-address";
import { auth, SIGN_IN_PATH } from "./config";
import { allows, type UserRole } from "./roles";

export interface Staff {
  id: number;
  email: string;
  name: string;
  role: UserRole;
}

export const currentStaff = cache(async (): Promise<Staff | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !/^\d{1,15}$/.test(id)) return null;
  const [row] = await run((db) =>
    db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(eq(users.id, Number(id)))
      .limit(1),
  );
  return row ?? null;
});

/** For pages and actions: the signed-in staff member, or a redirect to the sign-in page. */
export async function requireAdmin(): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(SIGN_IN_PATH);
  return staff;
}

/**
 * For a page only an owner may see: staff get Next's 403 page, and the refusal is an activity
 * entry naming the page. Actions do not use this: they name their role in adminAction(), which
 * records their refusals the same way.
 */
export async function requireRole(needed: UserRole, page: string): Promise<Staff> {
  const staff = await requireAdmin();
  if (!allows(staff.role, needed)) {
    const clientAddress = await requestAddress();
    await transaction((tx) =>
      recordActivity(tx, {
        actor: staff,
        action: "access.refused",
        after: { page, needs: needed },
        clientAddress,
      }),
    );
    forbidden();
  }
  return staff;
}
