"use client";

// Invite someone by email and role, with the language of their email (the owner's own by
// default). The browser checks the form with the schema the server action checks it with again
// (lib/admin/account-schema.ts), so a mistake is shown at once, field by field, and a form that
// passes may still be refused by the server (an address that already has an account) the same
// way. The page passes the action (components never import from app/).
import { useLocale, useTranslations } from "next-intl";
import { useActionState, useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  inviteFieldErrors,
  inviteSchema,
  type InviteField,
  type InviteResult,
} from "@/lib/admin/account-schema";
import { userRoles, type UserRole } from "@/lib/db/schema/values";
import { isLocale, locales, type Locale } from "@/lib/i18n/locales";

export type InviteAction = (formData: FormData) => Promise<InviteResult>;

interface Values {
  email: string;
  role: UserRole;
  locale: Locale;
}
interface State {
  result: InviteResult | null;
  values: Values;
}

const control =
  "mt-1.5 block h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm shadow-sm placeholder:text-stone-400 focus-visible:border-brand-600 aria-[invalid=true]:border-red-600";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

export function InviteForm({ inviteAction }: { inviteAction: InviteAction }) {
  const t = useTranslations("admin.accounts");
  const current = useLocale();
  const initial: State = {
    result: null,
    values: { email: "", role: "staff", locale: isLocale(current) ? current : "id" },
  };
  const [state, action] = useActionState<State, FormData>(async (_previous, formData) => {
    const sent = {
      email: text(formData.get("email")),
      role: text(formData.get("role")),
      locale: text(formData.get("locale")),
    };
    const values: Values = {
      email: sent.email,
      role: (userRoles as readonly string[]).includes(sent.role)
        ? (sent.role as UserRole)
        : "staff",
      locale: isLocale(sent.locale) ? sent.locale : initial.values.locale,
    };
    const parsed = inviteSchema.safeParse(sent);
    const result = parsed.success
      ? await inviteAction(formData)
      : { ok: false as const, fieldErrors: inviteFieldErrors(parsed.error) };
    // Sent: the form is ready for the next address, keeping the role and language.
    return { result, values: result.ok ? { ...values, email: "" } : values };
  }, initial);

  const errors = state.result && !state.result.ok ? state.result.fieldErrors : {};
  const formRef = useRef<HTMLFormElement>(null);
  // The first field in error gets the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    const first = (["email", "role", "locale"] as const).find((f) => errors[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps

  const field = (name: InviteField) => ({
    id: `invite-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `invite-${name}-error` : undefined,
  });

  return (
    <form
      ref={formRef}
      action={action}
      noValidate
      className="mt-4 space-y-4"
      data-testid="invite-form"
    >
      {state.result?.ok ? (
        <Alert tone="success" testId="invite-sent" compact>
          {t("invite.sent", { email: state.result.email })}
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium text-stone-800">
            {t("invite.email")}
          </label>
          <input
            {...field("email")}
            type="email"
            autoComplete="off"
            inputMode="email"
            spellCheck={false}
            maxLength={320}
            defaultValue={state.values.email}
            className={control}
          />
          <FieldError
            id="invite-email-error"
            message={errors.email ? t(`errors.${errors.email}`) : undefined}
          />
        </div>
        <div>
          <label htmlFor="invite-role" className="block text-sm font-medium text-stone-800">
            {t("invite.role")}
          </label>
          <select {...field("role")} defaultValue={state.values.role} className={control}>
            {userRoles.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
          <FieldError
            id="invite-role-error"
            message={errors.role ? t(`errors.${errors.role}`) : undefined}
          />
        </div>
        <div>
          <label htmlFor="invite-locale" className="block text-sm font-medium text-stone-800">
            {t("invite.locale")}
          </label>
          <select {...field("locale")} defaultValue={state.values.locale} className={control}>
            {locales.map((locale) => (
              <option key={locale} value={locale}>
                {t(`invite.languages.${locale}`)}
              </option>
            ))}
          </select>
          <FieldError
            id="invite-locale-error"
            message={errors.locale ? t(`errors.${errors.locale}`) : undefined}
          />
        </div>
      </div>
      <SubmitButton pendingLabel={t("invite.submitting")}>{t("invite.submit")}</SubmitButton>
    </form>
  );
}
