"use server";

// Changing one's own password (lib/auth/own-password.ts), then signing this browser in again with
// it: the new session carries the new session_version, so this session continues while every
// other one ends at its next request.
import { AuthError } from "next-auth";
import { z } from "zod";
import { adminAction } from "@/lib/admin/admin-action";
import { signIn } from "@/lib/auth/config";
import { changeOwnPassword } from "@/lib/auth/own-password";
import type { ChangePasswordState } from "@/lib/auth/own-password-state";

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
      await signIn("credentials", {
        email: staff.email,
        password: fields.password,
        redirect: false,
      });
    } catch (error) {
      // The password is changed either way; should the new sign-in be refused, sign in by hand.
      if (!(error instanceof AuthError)) throw error;
    }
    return { changed: true };
  },
  { problems: { current: ["required"] } },
);
