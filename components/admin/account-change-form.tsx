"use client";

// One change on the Accounts page (a role, a removal, a revoked invitation): a small form with its
// ids as hidden fields, whatever fields the page puts in it, and the server's answer beside the
// button in the owner's language. A refusal (the last owner) is said here; a change re-renders
// the page with the new state.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AccountChangeResult } from "@/lib/admin/account-schema";

export type AccountChangeAction = (formData: FormData) => Promise<AccountChangeResult>;

const DONE: readonly AccountChangeResult[] = ["changed", "removed", "revoked", "unchanged"];

export function AccountChangeForm({
  action,
  hidden,
  submit,
  pending,
  variant = "secondary",
  testId,
  className = "",
  children,
}: {
  action: AccountChangeAction;
  hidden: Record<string, string | number>;
  submit: string;
  pending: string;
  variant?: "primary" | "secondary";
  testId: string;
  className?: string;
  children?: React.ReactNode;
}) {
  const t = useTranslations("admin.accounts");
  const [state, formAction] = useActionState<AccountChangeResult | null, FormData>(
    (_previous, formData) => action(formData),
    null,
  );
  const ok = state !== null && DONE.includes(state);
  return (
    <form action={formAction} data-testid={testId} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        {children}
        <SubmitButton
          size="sm"
          variant={variant}
          pendingLabel={pending}
          className="whitespace-nowrap"
        >
          {submit}
        </SubmitButton>
      </div>
      <p
        role="status"
        aria-live="polite"
        data-testid="account-change-result"
        data-result={state ?? undefined}
        className={`mt-1 max-w-64 text-xs ${state ? (ok ? "text-green-800" : "font-medium text-red-800") : "sr-only"}`}
      >
        {state ? (
          <>
            <span aria-hidden="true">{ok ? "✓ " : "✗ "}</span>
            {t(`result.${state}`)}
          </>
        ) : null}
      </p>
    </form>
  );
}
