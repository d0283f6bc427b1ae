// The Activity page's list: when (shop time), who (the name and role they had then, or nobody
// signed in), what (the action in words), on what (a link to the order, an account's email), the
// values before and after, and the client address.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ShopTime, useShopTimeZone } from "@/components/ui/shop-time";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { ActivityList, ActivityRow } from "@/lib/admin/activity";
import { zoneLabel } from "@/lib/time-zone";
import { ActivityChange } from "./activity-change";

/** Who did it: name and role at the time, or "nobody signed in". */
export function ActivityActor({
  row,
}: {
  row: Pick<ActivityRow, "actorName" | "actorRole" | "actorId">;
}) {
  const t = useTranslations("admin.activity");
  if (row.actorId === null)
    return (
      <span className="text-stone-500">
        <span aria-hidden="true">{t("none")}</span>
        <span className="sr-only">{t("nobody")}</span>
      </span>
    );
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <span className="font-medium text-stone-900">{row.actorName ?? `#${row.actorId}`}</span>
      {row.actorRole ? (
        <Badge tone={row.actorRole === "owner" ? "brand" : "neutral"}>
          {t(`roles.${row.actorRole}`)}
        </Badge>
      ) : null}
    </span>
  );
}

function Subject({ row }: { row: ActivityRow }) {
  const t = useTranslations("admin.activity");
  if (!row.subjectType || row.subjectId === null)
    return <span className="text-stone-500">{t("none")}</span>;
  const id = row.subjectId;
  switch (row.subjectType) {
    case "order":
      return (
        <Link
          href={`/admin/orders/${id}`}
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
        >
          {t("subjects.order", { reference: row.subjectReference ?? `#${id}` })}
        </Link>
      );
    case "account":
      return row.subjectEmail ? (
        <span>{row.subjectEmail}</span>
      ) : (
        <span className="text-stone-600">{t("subjects.accountGone", { id })}</span>
      );
    case "invitation":
      return (
        <span className="break-all">{row.subjectEmail ?? t("subjects.invitation", { id })}</span>
      );
    default:
      return <span>{t(`subjects.${row.subjectType}`, { id })}</span>;
  }
}

export function ActivityTable({ list, filtered }: { list: ActivityList; filtered: boolean }) {
  const t = useTranslations("admin.activity");
  const zone = useShopTimeZone();
  if (list.rows.length === 0) {
    return (
      <div className="px-4 py-12 text-center sm:px-5" data-testid="activity-empty">
        <p className="font-semibold">
          {list.total > 0 ? t("emptyPage") : filtered ? t("emptyFiltered") : t("empty")}
        </p>
        {filtered || list.total > 0 ? (
          <p className="mt-1 text-sm">
            <Link
              href="/admin/activity"
              className="font-medium text-brand-700 underline underline-offset-4"
            >
              {t("showAll")}
            </Link>
          </p>
        ) : null}
      </div>
    );
  }
  const first = (list.page - 1) * list.pageSize + 1;
  const last = first + list.rows.length - 1;
  return (
    <TableScroll label={t("scrollLabel")}>
      <Table data-testid="activity-table">
        <Caption>
          {t("caption")}{" "}
          <span className="font-normal tabular-nums text-stone-600">
            {t("range", { first, last, total: list.total })}
          </span>
        </Caption>
        <thead>
          <tr>
            <Th>{t("when", { zone: zoneLabel(zone) })}</Th>
            <Th>{t("who")}</Th>
            <Th>{t("what")}</Th>
            <Th>{t("onWhat")}</Th>
            <Th>{t("change")}</Th>
            <Th>{t("address")}</Th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((row) => (
            <tr
              key={row.id}
              className="hover:bg-stone-50"
              data-testid="activity-row"
              data-action={row.action}
            >
              <Td className="min-w-28 whitespace-nowrap tabular-nums text-stone-700">
                <ShopTime at={row.createdAt} seconds />
              </Td>
              <Td className="min-w-36">
                <ActivityActor row={row} />
              </Td>
              <RowTh className="min-w-44 text-left font-medium text-stone-900">
                {t(`actions.${row.action}`)}
              </RowTh>
              <Td className="min-w-56 max-w-72 break-words">
                <Subject row={row} />
              </Td>
              <Td className="min-w-56 max-w-md">
                <ActivityChange before={row.before} after={row.after} />
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs text-stone-700">
                {row.clientAddress ?? (
                  <span className="font-sans text-stone-500">{t("noAddress")}</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </TableScroll>
  );
}
