import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/submit-button";

export type MarkReviewedAction = (formData: FormData) => Promise<void>;

export function MarkReviewedForm({
  orderId,
  eventId,
  markReviewedAction,
}: {
  orderId: number;
  eventId: number;
  markReviewedAction?: MarkReviewedAction;
}) {
  const t = useTranslations("admin.review");
  return (
    <form action={markReviewedAction}>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton size="sm" variant="secondary" pendingLabel={t("saving")}>
        {t("markReviewed")}
      </SubmitButton>
    </form>
  );
}
