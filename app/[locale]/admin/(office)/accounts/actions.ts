"use server";

// Accounts-page actions, owners only: adminAction refuses anyone else with 403 and an activity
// entry before any of this runs. The invite form is parsed with the same schema the browser used
// (lib/admin/account-schema.ts), so a hand-made request gets the same field errors; the work is
// in lib/admin/accounts.ts. Someone who demotes or removes themselves leaves the page for /admin:
// it is no longer theirs (and sends a removed account on to sign-in).
import { revalidatePath } from "next/cache";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import {
  changeRoleSchema,
  inviteFieldErrors,
  inviteSchema,
  removeAccountSchema,
  revokeInvitationSchema,
  type AccountChangeResult,
  type InviteResult,
} from "@/lib/admin/account-schema";
import { changeRole, inviteAccount, removeAccount, revokeInvitation } from "@/lib/admin/accounts";
import { adminAction } from "@/lib/admin/admin-action";

const PAGE = "/admin/accounts";

// The fields as sent: inviteSchema parses them in the body, so each gets its own error.
const inviteFields = z.object({ email: z.unknown(), role: z.unknown(), locale: z.unknown() });

export const inviteAction = adminAction(
  { action: "account.invited", role: "owner", input: inviteFields },
  async (fields, by): Promise<InviteResult> => {
    const parsed = inviteSchema.safeParse(fields);
    if (!parsed.success) return { ok: false, fieldErrors: inviteFieldErrors(parsed.error) };
    const result = await inviteAccount(parsed.data, by);
    if (result === "forbidden") forbidden();
    if (result.ok) revalidatePath(PAGE);
    return result;
  },
  { ok: false, fieldErrors: {} },
);

export const revokeInvitationAction = adminAction(
  { action: "account.invitation_revoked", role: "owner", input: revokeInvitationSchema },
  async ({ invitationId }, by): Promise<AccountChangeResult> => {
    const result = await revokeInvitation(invitationId, by);
    if (result === "forbidden") forbidden();
    revalidatePath(PAGE);
    return result;
  },
  "invalid",
);

export const changeRoleAction = adminAction(
  { action: "account.role_changed", role: "owner", input: changeRoleSchema },
  async ({ userId, role }, by): Promise<AccountChangeResult> => {
    const result = await changeRole(userId, role, by);
    if (result === "forbidden") forbidden();
    revalidatePath(PAGE);
    if (result === "changed" && userId === by.staff.id && role !== "owner") redirect("/admin");
    return result;
  },
  "invalid",
);

export const removeAccountAction = adminAction(
  { action: "account.removed", role: "owner", input: removeAccountSchema },
  async ({ userId }, by): Promise<AccountChangeResult> => {
    const result = await removeAccount(userId, by);
    if (result === "forbidden") forbidden();
    revalidatePath(PAGE);
    if (result === "removed" && userId === by.staff.id) redirect("/admin");
    return result;
  },
  "invalid",
);
