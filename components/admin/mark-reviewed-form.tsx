import { markReviewedAction } from "@/app/admin/(office)/orders/[id]/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function MarkReviewedForm({ orderId, eventId }: { orderId: number; eventId: number }) {
  return (
    <form action={markReviewedAction}>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Mark reviewed
      </SubmitButton>
    </form>
  );
}
