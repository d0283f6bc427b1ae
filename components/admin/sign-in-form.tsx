"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { SignInState } from "@/lib/auth/config";

const input =
  "mt-1.5 block h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm shadow-sm placeholder:text-stone-400 focus-visible:border-brand-600 aria-[invalid=true]:border-red-600";

/** `notice`: a refusal to show before any attempt here (Auth.js's own route redirected with it), already worded. */
export function SignInForm({
  from,
  notice,
  signInAction,
}: {
  from: string;
  notice?: string;
  signInAction: (previous: SignInState, formData: FormData) => Promise<SignInState>;
}) {
  const [state, action] = useActionState<SignInState, FormData>(
    signInAction,
    notice ? { error: notice } : {},
  );
  const invalid = Boolean(state.error) || undefined;
  const t = useTranslations("admin.signIn");
  const reset = useTranslations("admin.reset");
  return (
    <form action={action} className="mt-6 space-y-4">
      <input type="hidden" name="from" value={from} />
      {state.error ? (
        <Alert id="sign-in-error" testId="sign-in-error" compact>
          {state.error}
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
          required
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          defaultValue={state.email}
          aria-invalid={invalid}
          aria-describedby={invalid ? "sign-in-error" : undefined}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-stone-800">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          aria-invalid={invalid}
          aria-describedby={invalid ? "sign-in-error" : undefined}
          className={input}
        />
      </div>
      <SubmitButton fullWidth pendingLabel={t("submitting")}>
        {t("submit")}
      </SubmitButton>
      <p className="text-center text-sm">
        <Link
          href="/admin/forgot-password"
          className="font-medium text-brand-700 underline underline-offset-2"
        >
          {reset("forgotLink")}
        </Link>
      </p>
    </form>
  );
}
