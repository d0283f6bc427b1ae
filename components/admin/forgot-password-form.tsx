"use client";

// Asks for the address to send a reset link to. Every accepted address gets the same sentence.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ForgotAnswer } from "@/lib/auth/password-reset";
import { FieldErrors, fieldInput } from "./new-password-fields";

export function ForgotPasswordForm({
  forgotPasswordAction,
}: {
  forgotPasswordAction: (
    previous: ForgotAnswer | null,
    formData: FormData,
  ) => Promise<ForgotAnswer | null>;
}) {
  const [state, action] = useActionState<ForgotAnswer | null, FormData>(forgotPasswordAction, null);
  const t = useTranslations("admin.reset");
  const invalid = state && !state.ok ? [t("emailInvalid")] : undefined;
  return (
    <>
      {state?.ok ? (
        <Alert tone="success" testId="forgot-sent" className="mt-6">
          {t("sent")}
        </Alert>
      ) : (
        <form action={action} className="mt-6 space-y-4" noValidate>
          <div>
            <label htmlFor="email" className="block text-sm font-medium text-stone-800">
              {t("email")}
            </label>
            <input
              id="email"
              name="email"
              type="email"
              required
              maxLength={254}
              autoComplete="username"
              inputMode="email"
              spellCheck={false}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? "email-error" : undefined}
              className={fieldInput}
            />
            <FieldErrors id="email-error" messages={invalid} />
          </div>
          <SubmitButton fullWidth pendingLabel={t("sending")}>
            {t("send")}
          </SubmitButton>
        </form>
      )}
      <p className="mt-6 text-sm">
        <Link
          href="/admin/sign-in"
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {t("backToSignIn")}
        </Link>
      </p>
    </>
  );
}
