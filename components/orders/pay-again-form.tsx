// "Pay again with Kredivo" for a failed or expired order: a new attempt, started on the server
// by the action the page passes.
import { useTranslations } from "next-intl";
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
  const t = useTranslations("shop.kredivo");
  return (
    <form action={payAgainAction}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton size="lg" fullWidth={fullWidth} pendingLabel={t("redirecting")}>
        {t("payAgain")}
      </SubmitButton>
    </form>
  );
}
