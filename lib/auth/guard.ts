// The server-side check every admin page and admin server action makes for itself; the proxy's
// redirect is a convenience, not the protection.
import "server-only";
import { redirect } from "next/navigation";
import { auth, SIGN_IN_PATH } from "./config";

export interface Staff {
  id: string;
  email: string;
  name: string;
}

export async function currentStaff(): Promise<Staff | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? user.email };
}

/** For pages and actions: the signed-in staff member, or a redirect to the sign-in page. */
export async function requireAdmin(): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect(SIGN_IN_PATH);
  return staff;
}
