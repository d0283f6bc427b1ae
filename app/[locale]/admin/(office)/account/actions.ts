"use server";

// Changing one's own password (lib/auth/own-password.ts), then signing this browser in again with
// it: the new session carries the new session_version, so this browser continues while every
// other session ends at its next request.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { SIGN_IN_PATH, signIn } from "@/lib/auth/config";
import { changeOwnPassword } from "@/lib/auth/own-password";
import { ACCOUNT_CHANGED_PATH, type ChangePasswordState } from "@/lib/auth/own-password-state";

// Only strings of bounded length get through here; the password rules are checked (field by
// field) by changeOwnPassword.
const text = z.string().max(1000).catch("");
const input = z.object({ current: text, password: text, confirmation: text });

export const changePasswordAction = adminAction(
  { action: "auth.password_changed", role: "staff", input },
  async (fields, { staff, clientAddress }): Promise<ChangePasswordState> => {
    const result = await changeOwnPassword(staff, fields, clientAddress);
    if (!result.ok) {
      if ("problems" in result) return { problems: result.problems };
      if ("retryAfterMs" in result) return { retryAfterMs: result.retryAfterMs };
      return { problems: { current: ["wrongPassword"] } };
    }
    try {
      // A redirect, not an answer to the form: Next renders the page it redirects to with the
      // cookie just set, while re-rendering this page would still read the old one (now ended).
      await signIn("credentials", {
        email: staff.email,
        password: fields.password,
        redirectTo: ACCOUNT_CHANGED_PATH,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
    }
    // This session ended with the old password: signing in again is all that is left.
    redirect(SIGN_IN_PATH);
  },
  { problems: { current: ["required"] } },
);
