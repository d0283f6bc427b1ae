"use client";

// A new password through a reset link. The address is shown for the password manager only.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LinkFormState } from "@/lib/auth/link-form-state";
import { NewPasswordFields } from "./new-password-fields";

export function ResetPasswordForm({
  token,
  email,
  resetPasswordAction,
}: {
  token: string;
  email: string;
  resetPasswordAction: (previous: LinkFormState, formData: FormData) => Promise<LinkFormState>;
}) {
  const [state, action] = useActionState<LinkFormState, FormData>(resetPasswordAction, {});
  const t = useTranslations("admin.reset");
  const refused = state.refused;
  if (refused)
    return (
      <Alert tone="warning" testId="reset-verdict" className="mt-4">
        {t(
          `verdict.${refused === "used" || refused === "expired" || refused === "revoked" ? refused : "unknown"}`,
        )}
      </Alert>
    );
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.retryAfterMinutes ? (
        <Alert testId="reset-limited" compact>
          {t("limited", { minutes: state.retryAfterMinutes })}
        </Alert>
      ) : null}
      {/* For password managers: which account the new password belongs to. */}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <NewPasswordFields personal={[email]} errors={state.problems} />
      <SubmitButton fullWidth pendingLabel={t("submitting")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
