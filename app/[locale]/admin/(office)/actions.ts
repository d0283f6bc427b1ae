"use server";

// Orders-page actions. adminAction checks the session first; nothing from the form is trusted
// but one id.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { markUnmatchedReviewed } from "@/lib/admin/unmatched";

const input = z.object({
  eventId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

export const markUnmatchedReviewedAction = adminAction(
  { action: "notification.reviewed", role: "staff", input },
  async ({ eventId }, by) => {
    await markUnmatchedReviewed(eventId, by);
    revalidatePath("/admin");
  },
);
