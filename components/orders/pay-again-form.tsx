// "Pay again with Kredivo" for a failed or expired order: a new attempt, started on the server.
import { payAgainAction } from "@/app/(shop)/orders/[token]/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function PayAgainForm({ token, fullWidth = false }: { token: string; fullWidth?: boolean }) {
  return (
    <form action={payAgainAction}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton size="lg" fullWidth={fullWidth} pendingLabel="Redirecting to Kredivo…">
        Pay again with Kredivo
      </SubmitButton>
    </form>
  );
}
