"use client";

// Accepting an invitation: the invited address (read-only; the server checks it is the link's),
// a name, and a new password with its confirmation and meter.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { LinkFormState } from "@/lib/auth/link-form-state";
import { FieldErrors, fieldInput, NewPasswordFields } from "./new-password-fields";

export function InvitationForm({
  token,
  email,
  acceptInvitationAction,
}: {
  token: string;
  email: string;
  acceptInvitationAction: (previous: LinkFormState, formData: FormData) => Promise<LinkFormState>;
}) {
  const [state, action] = useActionState<LinkFormState, FormData>(acceptInvitationAction, {});
  const t = useTranslations("admin.invitation");
  const problems = state.problems ?? {};
  const nameProblems = problems.name?.map((key) =>
    t(key === "nameTooLong" ? "errors.nameTooLong" : "errors.nameRequired"),
  );
  const refused = state.refused;
  if (refused && refused !== "other_address" && refused !== "account_exists")
    return (
      <Alert tone="warning" testId="invitation-verdict" className="mt-4">
        {t(`verdict.${refused === "no_account" ? "unknown" : refused}`)}
      </Alert>
    );
  const limited = state.retryAfterMinutes;
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {refused ? (
        <Alert testId="invitation-refused" compact>
          {t(`refused.${refused}`)}
        </Alert>
      ) : limited ? (
        <Alert testId="invitation-limited" compact>
          {t("limited", { minutes: limited })}
        </Alert>
      ) : null}
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-stone-800">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          readOnly
          value={email}
          autoComplete="username"
          className={fieldInput}
        />
      </div>
      <div>
        <label htmlFor="name" className="block text-sm font-medium text-stone-800">
          {t("name")}
        </label>
        <input
          id="name"
          name="name"
          type="text"
          required
          maxLength={100}
          autoComplete="name"
          defaultValue={state.name}
          aria-invalid={nameProblems ? true : undefined}
          aria-describedby={nameProblems ? "name-error" : undefined}
          className={fieldInput}
        />
        <FieldErrors id="name-error" messages={nameProblems} />
      </div>
      <NewPasswordFields personal={[email]} nameField="name" errors={problems} />
      <SubmitButton fullWidth pendingLabel={t("submitting")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
