import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { AttemptStatus, OrderStatus } from "@/lib/db/schema";
import { STATUS_TONE } from "@/lib/format";

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const t = useTranslations("common.status.order");
  return (
    <Badge tone={STATUS_TONE[status]} className="whitespace-nowrap">
      <span data-testid="admin-order-status">{t(status)}</span>
    </Badge>
  );
}

export function AttemptStatusBadge({ status }: { status: AttemptStatus }) {
  const t = useTranslations("common.status.attempt");
  return (
    <Badge tone={STATUS_TONE[status]} className="whitespace-nowrap">
      {t(status)}
    </Badge>
  );
}

/** Red, with an icon and words: never colour alone. */
export function NeedsReviewBadge({ count }: { count?: number }) {
  const t = useTranslations("admin.review");
  return (
    <Badge tone="bad" className="gap-1 whitespace-nowrap">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3.5">
        <path
          fillRule="evenodd"
          d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      {t("needsReview")}
      {count && count > 1 ? ` (${count})` : ""}
    </Badge>
  );
}
