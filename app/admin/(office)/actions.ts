"use server";
// Orders-page actions. Each checks the session itself first and trusts nothing from the form but
// one id.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markUnmatchedReviewed } from "@/lib/admin/unmatched";
import { requireAdmin } from "@/lib/auth/guard";

const input = z.object({ eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function markUnmatchedReviewedAction(formData: FormData): Promise<void> {
  await requireAdmin();
  const parsed = input.safeParse({ eventId: formData.get("eventId") });
  if (!parsed.success) return;
  await markUnmatchedReviewed(parsed.data.eventId);
  revalidatePath("/admin");
}
