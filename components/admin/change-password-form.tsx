"use client";

// Changing one's own password: the current one, then the new one with its confirmation and meter.
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ChangePasswordState } from "@/lib/auth/own-password-state";
import { FieldErrors, fieldInput, NewPasswordFields } from "./new-password-fields";

export function ChangePasswordForm({
  personal,
  email,
  changed,
  changePasswordAction,
}: {
  personal: string[];
  email: string;
  /** The password was just changed (the action redirected here saying so). */
  changed: boolean;
  changePasswordAction: (formData: FormData) => Promise<ChangePasswordState>;
}) {
  const [state, action] = useActionState<ChangePasswordState, FormData>(
    (_previous, formData) => changePasswordAction(formData),
    {},
  );
  const t = useTranslations("admin.account");
  const password = useTranslations("admin.password.errors");
  const [editedSince, setEditedSince] = useState<ChangePasswordState | null>(null);
  const current =
    editedSince === state
      ? undefined
      : state.retryAfterMs
        ? [t("throttled", { seconds: Math.max(1, Math.ceil(state.retryAfterMs / 1000)) })]
        : state.problems?.current?.map((key) =>
            key === "wrongPassword" ? t("wrongPassword") : password("required"),
          );
  return (
    <form action={action} className="mt-4 space-y-4" noValidate>
      {changed && !state.problems && !state.retryAfterMs ? (
        <Alert tone="success" testId="password-changed" compact>
          {t("changed")}
        </Alert>
      ) : null}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <div>
        <label htmlFor="current" className="block text-sm font-medium text-stone-800">
          {t("current")}
        </label>
        <input
          id="current"
          name="current"
          type="password"
          required
          maxLength={200}
          autoComplete="current-password"
          onChange={() => setEditedSince(state)}
          aria-invalid={current ? true : undefined}
          aria-describedby={current ? "current-error" : undefined}
          className={fieldInput}
        />
        <FieldErrors id="current-error" messages={current} />
      </div>
      <NewPasswordFields personal={personal} errors={state.problems} />
      <SubmitButton pendingLabel={t("submitting")}>{t("submit")}</SubmitButton>
    </form>
  );
}
