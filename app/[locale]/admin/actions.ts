"use server";
import { requireAdmin } from "@/lib/auth/guard";
import { signOut } from "@/lib/auth/config";

export async function signOutAction(): Promise<void> {
  await requireAdmin();
  await signOut({ redirectTo: "/admin/sign-in" });
}
