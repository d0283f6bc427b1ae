// The latest alerts for staff: when, what (in the page's language, from the alert's kind and
// details), the order it concerns, and whether it reached the receiver. A suppressed alert is one
// of a kind already sent in the last 15 minutes; a sent one says how many it stood for.
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ShopTime } from "@/components/ui/shop-time";
import { Caption, RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { AlertRow } from "@/lib/admin/alerts";
import {
  emailKinds,
  type AlertKind,
  type AlertState,
  type EmailKind,
} from "@/lib/db/schema/values";
import type { Tone } from "@/lib/format";

const STATE_TONE: Record<AlertState, Tone> = {
  queued: "warn",
  sending: "warn",
  sent: "good",
  failed: "bad",
  suppressed: "neutral",
};

/** The technical line under the summary: the one detail staff copy into a search or a ticket. */
const TECHNICAL: Record<AlertKind, string> = {
  flagged_for_review: "outcome",
  doku_failing: "lastUrl",
  payment_overdue: "expiredAt",
  email_given_up: "lastError",
  reconciler_stalled: "lastRunAt",
};

/** The details' times are ISO strings: shown as the shop shows every time. */
const isTime = (v: string | number): v is string =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v);

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : v);

export function AlertsTable({ rows, sending }: { rows: AlertRow[]; sending: boolean }) {
  const t = useTranslations("admin.alerts");
  const emails = useTranslations("admin.emails");
  const emailKind = (v: unknown) =>
    (emailKinds as readonly unknown[]).includes(v)
      ? emails(`kinds.${v as EmailKind}`)
      : text(v as string | null);
  return (
    <TableScroll label={t("scrollLabel")}>
      <Table data-testid="alerts-table">
        <Caption>{t("caption")}</Caption>
        <thead>
          <tr>
            <Th>{t("when")}</Th>
            <Th>{t("what")}</Th>
            <Th>{t("order")}</Th>
            <Th>{t("state")}</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const d = row.details;
            const technical = d[TECHNICAL[row.kind]];
            const order = typeof d.order === "number" ? d.order : null;
            const unsent = !sending && row.state === "queued";
            return (
              <tr
                key={row.id}
                className="hover:bg-stone-50"
                data-testid="alert-row"
                data-kind={row.kind}
                data-state={row.state}
              >
                {/* Wraps after the date on a phone, leaving the width to what happened. */}
                <Td className="min-w-28 text-stone-700">
                  <ShopTime at={row.createdAt} seconds />
                </Td>
                <RowTh className="min-w-72 max-w-xl text-left font-normal">
                  <span className="block text-xs font-semibold uppercase tracking-wide text-stone-500">
                    {t(`kind.${row.kind}`)}
                  </span>
                  <span className="font-medium text-stone-900">
                    {t(`summary.${row.kind}`, {
                      event: text(d.event),
                      count: text(d.failuresInARow),
                      invoice: text(d.invoice),
                      status: text(d.status),
                      emailKind: emailKind(d.emailKind),
                    })}
                  </span>
                  {technical !== null && technical !== undefined ? (
                    <code className="mt-0.5 block break-all font-mono text-xs text-stone-600">
                      {isTime(technical) ? (
                        <ShopTime at={new Date(technical)} seconds />
                      ) : (
                        technical
                      )}
                    </code>
                  ) : null}
                  {row.coalesced > 0 ? (
                    <span className="mt-0.5 block text-xs text-stone-600">
                      {t("more", { count: row.coalesced })}
                    </span>
                  ) : null}
                </RowTh>
                <Td className="whitespace-nowrap">
                  {order ? (
                    <Link
                      href={`/admin/orders/${order}`}
                      className="font-medium text-brand-700 underline-offset-2 hover:underline"
                    >
                      {t("orderLink", { id: order })}
                    </Link>
                  ) : (
                    <span className="text-stone-500">{t("noOrder")}</span>
                  )}
                </Td>
                <Td className="min-w-40">
                  <Badge tone={unsent ? "neutral" : STATE_TONE[row.state]}>
                    {unsent ? t("stateLabel.recorded") : t(`stateLabel.${row.state}`)}
                  </Badge>
                  {row.state === "failed" || (row.state === "queued" && row.lastError) ? (
                    <span className="mt-1 block max-w-64 break-words text-xs text-stone-600">
                      {t("tries", { count: row.tries })}
                      {row.lastError ? ` · ${row.lastError}` : ""}
                    </span>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </TableScroll>
  );
}
