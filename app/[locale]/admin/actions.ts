"use server";

import { signOut } from "@/lib/auth/config";
import { requireAdmin } from "@/lib/auth/guard";

export async function signOutAction(): Promise<void> {
  await requireAdmin();
  await signOut({ redirectTo: "/admin/sign-in" });
}
