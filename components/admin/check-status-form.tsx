"use client";

// "Check status with DOKU" for one attempt, with DOKU's answer shown right under the button. The
// action answers with a message key; it is worded here, in the staff member's language.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { checkStatusValues, type CheckStatusMessage } from "@/lib/admin/check-status-message";

export type CheckStatusAction = (formData: FormData) => Promise<CheckStatusMessage>;

export function CheckStatusForm({
  orderId,
  attemptId,
  primary,
  checkStatusAction,
}: {
  orderId: number;
  attemptId: number;
  primary: boolean;
  checkStatusAction: CheckStatusAction;
}) {
  const [state, action] = useActionState<CheckStatusMessage | null, FormData>(
    (_previous, formData) => checkStatusAction(formData),
    null,
  );
  const t = useTranslations("admin.checkStatus");
  const resultId = `check-status-result-${attemptId}`;
  return (
    <form action={action} className="flex min-w-48 flex-col items-start gap-1.5">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="attemptId" value={attemptId} />
      <SubmitButton
        size="sm"
        variant={primary ? "primary" : "secondary"}
        pendingLabel={t("pending")}
        className="whitespace-nowrap"
      >
        {t("button")}
      </SubmitButton>
      <p
        id={resultId}
        role="status"
        aria-live="polite"
        data-testid="check-status-result"
        className={`max-w-72 text-xs ${state ? (state.ok ? "text-green-800" : "text-red-800") : "sr-only"}`}
      >
        {state ? (
          <>
            <span aria-hidden="true">{state.ok ? "✓ " : "✗ "}</span>
            {t(
              `result.${state.key}`,
              checkStatusValues(state, (status) => t(`status.${status}`)),
            )}
          </>
        ) : null}
      </p>
    </form>
  );
}
