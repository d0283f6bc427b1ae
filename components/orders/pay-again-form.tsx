// "Pay again with Kredivo" for a failed or expired order: a new attempt, started on the server
// by the action the page passes.
import { SubmitButton } from "@/components/ui/submit-button";

export function PayAgainForm({
  token,
  payAgainAction,
  fullWidth = false,
}: {
  token: string;
  payAgainAction: (formData: FormData) => Promise<void>;
  fullWidth?: boolean;
}) {
  return (
    <form action={payAgainAction}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton size="lg" fullWidth={fullWidth} pendingLabel="Redirecting to Kredivo…">
        Pay again with Kredivo
      </SubmitButton>
    </form>
  );
}
