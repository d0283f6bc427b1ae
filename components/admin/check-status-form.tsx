"use client";
// "Check status with DOKU" for one attempt, with DOKU's answer shown right under the button.
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CheckStatusMessage } from "@/lib/admin/check-status-message";

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
  const [state, action] = useActionState<CheckStatusMessage | null, FormData>((_previous, formData) => checkStatusAction(formData), null);
  const resultId = `check-status-result-${attemptId}`;
  return (
    <form action={action} className="flex min-w-48 flex-col items-start gap-1.5">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="attemptId" value={attemptId} />
      <SubmitButton size="sm" variant={primary ? "primary" : "secondary"} pendingLabel="Asking DOKU…" className="whitespace-nowrap">
        Check status with DOKU
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
            {state.message}
          </>
        ) : null}
      </p>
    </form>
  );
}
