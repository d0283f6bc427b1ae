// The order's full audit log, oldest first: every request and answer with DOKU as recorded
// (headers were redacted when stored; bodies are shown as text, React escapes them), and between
// them what people did to the order (its activity entries), set apart by who did it.
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ShopTime, useShopTimeZone } from "@/components/ui/shop-time";
import type { ActivityRow } from "@/lib/admin/activity";
import type { OrderNoteRow } from "@/lib/admin/notes";
import type { AdminAttempt, AdminEvent } from "@/lib/admin/orders";
import { zoneLabel } from "@/lib/time-zone";
import { ActivityChange } from "./activity-change";
import { ActivityActor } from "./activity-table";
import { prettyBody } from "./format";
import { MarkReviewedForm, type MarkReviewedAction } from "./mark-reviewed-form";
import { NoteItem } from "./note-item";

/** The direction badge's arrow; its words are admin.timeline.direction.<direction>. */
const ARROW = { out: "→ DOKU", in: "← DOKU" } as const;

function Signature({ valid }: { valid: boolean | null }) {
  const t = useTranslations("admin.timeline");
  if (valid === true)
    return <span className="font-medium text-green-800">✓ {t("signatureValid")}</span>;
  if (valid === false)
    return <span className="font-semibold text-red-800">✗ {t("signatureInvalid")}</span>;
  return (
    <span className="text-stone-500">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("notApplicable")}</span>
    </span>
  );
}

function Block({ title, children }: { title: string; children: string | null }) {
  const t = useTranslations("admin.timeline");
  return (
    <div className="min-w-0">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-stone-600">{title}</h4>
      {children ? (
        <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-lg border border-stone-200 bg-stone-50 p-3 font-mono text-xs leading-relaxed text-stone-800">
          {children}
        </pre>
      ) : (
        <p className="mt-1 text-xs text-stone-500">{t("noneRecorded")}</p>
      )}
    </div>
  );
}

const headerText = (headers: Record<string, string> | null) =>
  headers && Object.keys(headers).length
    ? Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}`)
        .join("\n")
    : null;

/** What the response-signature check compared, so the merchant can tell DOKU exactly what came. */
function SignatureProblem({ check }: { check: NonNullable<AdminEvent["signatureCheck"]> }) {
  const t = useTranslations("admin.timeline");
  const present = Object.entries(check.headers)
    .map(([name, here]) => t(here ? "headerPresent" : "headerMissing", { name }))
    .join(", ");
  return (
    <Alert tone="warning" role={null} testId="signature-problem" compact className="mt-2">
      <p>
        <span className="font-medium">{t("signatureProblem")}</span> {check.problem}.
      </p>
      <p className="mt-1 text-xs">{t("headers", { list: present })}</p>
      {check.tried.map((components, i) => (
        <Block key={i} title={t("componentTried", { n: i + 1, total: check.tried.length })}>
          {components}
        </Block>
      ))}
    </Alert>
  );
}

/** An unverified body is kept only in part: say how much of it, and how to match the rest. */
function bodyTitle(
  event: AdminEvent,
  t: ReturnType<typeof useTranslations<"admin.timeline">>,
): string {
  const kept = event.requestBody === null ? 0 : Buffer.byteLength(event.requestBody);
  if (event.requestBodyBytes === null || kept >= event.requestBodyBytes) return t("requestBody");
  return t("requestBodyPartial", {
    kept,
    total: event.requestBodyBytes,
    sha256: event.requestBodySha256 ?? t("unknown"),
  });
}

/** A person's action on the order: who, what, from where, and what it changed. */
function ActivityItem({ entry }: { entry: ActivityRow }) {
  const t = useTranslations("admin.activity");
  return (
    <li
      data-testid="timeline-activity"
      data-action={entry.action}
      className="rounded-xl border border-sky-200 border-l-4 border-l-sky-600 bg-sky-50/50 p-3 text-sm sm:p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="inline-flex items-center gap-1 rounded-md bg-sky-700 px-2 py-0.5 text-xs font-semibold text-white">
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3.5">
            <path d="M10 8a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM3.465 14.493a1.23 1.23 0 0 0 .41 1.412A9.957 9.957 0 0 0 10 18c2.31 0 4.438-.784 6.131-2.1.43-.333.604-.903.408-1.41a7.002 7.002 0 0 0-13.074.003Z" />
          </svg>
          {t("timeline.badge")}
        </span>
        <h3 className="font-semibold">{t(`actions.${entry.action}`)}</h3>
        <ShopTime at={entry.createdAt} seconds className="tabular-nums text-stone-600" />
        <ActivityActor row={entry} />
        {entry.clientAddress ? (
          <span className="font-mono text-xs text-stone-600">
            {t("timeline.from", { address: entry.clientAddress })}
          </span>
        ) : null}
      </div>
      <div className="mt-2">
        <ActivityChange before={entry.before} after={entry.after} />
      </div>
    </li>
  );
}

type TimelineItem =
  | { kind: "event"; at: number; event: AdminEvent }
  | { kind: "activity"; at: number; entry: ActivityRow }
  | { kind: "note"; at: number; note: OrderNoteRow };

/** DOKU's exchanges and people's actions in one time order (an exchange first on a tie). */
function inTimeOrder(
  events: AdminEvent[],
  activity: ActivityRow[],
  notes: OrderNoteRow[],
): TimelineItem[] {
  const items: TimelineItem[] = [
    ...events.map((event) => ({ kind: "event" as const, at: event.createdAt.getTime(), event })),
    // A note shows itself (its author, time and text): its `order.note_added` entry would repeat it.
    ...activity
      .filter((entry) => !(notes.length && entry.action === "order.note_added"))
      .map((entry) => ({
        kind: "activity" as const,
        at: entry.createdAt.getTime(),
        entry,
      })),
    ...notes.map((note) => ({ kind: "note" as const, at: note.createdAt.getTime(), note })),
  ];
  // Array.prototype.sort is stable: each list keeps its own order within a tie.
  return items.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === "event" ? -1 : 1));
}

export function OrderTimeline({
  orderId,
  events,
  activity = [],
  notes = [],
  noteForm = null,
  attempts,
  markReviewedAction,
}: {
  orderId: number;
  events: AdminEvent[];
  /** The order's activity entries (subject: this order), oldest first. */
  activity?: ActivityRow[];
  /** Staff's internal notes on the order (lib/admin/notes.ts), oldest first. */
  notes?: OrderNoteRow[];
  /** The form that adds a note, under the timeline. */
  noteForm?: React.ReactNode;
  attempts: AdminAttempt[];
  /**
   * The page always passes it. Optional only because tests/unit/admin-render.test.ts renders the
   * timeline without one (the button then sits in a form with no action); make it required once
   * that test passes one.
   */
  markReviewedAction?: MarkReviewedAction;
}) {
  const t = useTranslations("admin.timeline");
  const review = useTranslations("admin.review");
  const people = useTranslations("admin.activity");
  const zone = useShopTimeZone();
  const invoiceOf = new Map(attempts.map((a) => [a.id, a.invoiceNumber]));
  return (
    <Card as="section" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="px-4 pt-4 text-base font-semibold sm:px-5">
        {t("heading")}
      </h2>
      <p className="px-4 text-sm text-stone-600 sm:px-5">
        {t("intro", { zone: zoneLabel(zone) })} {people("timeline.intro")}
      </p>
      {events.length + activity.length + notes.length === 0 ? (
        <p className="px-4 py-6 text-sm text-stone-600 sm:px-5">{t("none")}</p>
      ) : (
        <ol className="space-y-3 p-4 sm:p-5" data-testid="admin-timeline">
          {inTimeOrder(events, activity, notes).map((item) => {
            if (item.kind === "note")
              return <NoteItem key={`note-${item.note.id}`} note={item.note} />;
            if (item.kind === "activity")
              return <ActivityItem key={`activity-${item.entry.id}`} entry={item.entry} />;
            const { event } = item;
            const words = t(`direction.${event.direction}`);
            const needsReview = event.flagged && !event.reviewedAt;
            return (
              <li
                key={`event-${event.id}`}
                data-testid="timeline-event"
                data-kind={event.kind}
                data-outcome={event.outcome}
                data-flagged={event.flagged ? "true" : undefined}
                className={`rounded-xl border p-3 text-sm sm:p-4 ${
                  event.flagged
                    ? "border-red-200 border-l-4 border-l-red-600 bg-red-50/40"
                    : "border-stone-200"
                }`}
              >
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <span
                    className="inline-flex items-center rounded-md bg-stone-900 px-2 py-0.5 font-mono text-xs font-semibold text-white"
                    title={words}
                  >
                    <span aria-hidden="true">
                      {event.direction === "local"
                        ? t("direction.localShort")
                        : ARROW[event.direction]}
                    </span>
                    <span className="sr-only">{words}</span>
                  </span>
                  <h3 className="font-semibold">{t(`kind.${event.kind}`)}</h3>
                  <ShopTime at={event.createdAt} seconds className="tabular-nums text-stone-600" />
                  <span className="font-mono text-xs text-stone-500">
                    {event.method} {event.url}
                  </span>
                </div>

                {event.flagged ? (
                  <div className="mt-2 flex flex-wrap items-center gap-3">
                    <p className="flex items-center gap-1.5 font-semibold text-red-800">
                      <svg
                        aria-hidden="true"
                        viewBox="0 0 20 20"
                        fill="currentColor"
                        className="size-4 shrink-0"
                      >
                        <path d="M3.5 2.75a.75.75 0 0 0-1.5 0v14.5a.75.75 0 0 0 1.5 0v-4.392l1.657-.348a6.449 6.449 0 0 1 4.271.572 7.948 7.948 0 0 0 5.965.524l2.078-.64A.75.75 0 0 0 18 12.25v-8.5a.75.75 0 0 0-.904-.734l-2.38.501a7.25 7.25 0 0 1-4.186-.363l-.502-.2a8.75 8.75 0 0 0-5.053-.439l-1.475.31V2.75Z" />
                      </svg>
                      {t("flagged", { outcome: event.outcome })}
                    </p>
                    {needsReview ? (
                      <MarkReviewedForm
                        orderId={orderId}
                        eventId={event.id}
                        markReviewedAction={markReviewedAction}
                      />
                    ) : event.reviewedAt ? (
                      <p className="text-sm text-green-800" data-testid="event-reviewed">
                        <span aria-hidden="true">✓ </span>
                        {review("reviewed")} <ShopTime at={event.reviewedAt} seconds />
                      </p>
                    ) : null}
                  </div>
                ) : null}

                <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-3 lg:grid-cols-6">
                  <div className="min-w-0">
                    <dt className="text-xs text-stone-500">{t("outcome")}</dt>
                    <dd className="break-all font-mono text-xs font-semibold">{event.outcome}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-stone-500">{t("httpStatus")}</dt>
                    <dd className="tabular-nums">{event.httpStatus ?? "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-stone-500">{t("signature")}</dt>
                    <dd>
                      <Signature valid={event.signatureValid} />
                    </dd>
                  </div>
                  <div className="min-w-0 sm:col-span-1 lg:col-span-1">
                    <dt className="text-xs text-stone-500">{t("requestId")}</dt>
                    <dd className="break-all font-mono text-xs">{event.requestId ?? "—"}</dd>
                  </div>
                  <div className="min-w-0">
                    <dt className="text-xs text-stone-500">{t("invoice")}</dt>
                    <dd className="break-all font-mono text-xs">
                      {(event.attemptId && invoiceOf.get(event.attemptId)) ?? "—"}
                    </dd>
                  </div>
                  <div>
                    <dt className="text-xs text-stone-500">{t("duration")}</dt>
                    <dd className="tabular-nums">
                      {event.durationMs != null ? `${event.durationMs} ms` : "—"}
                    </dd>
                  </div>
                </dl>
                {event.signatureCheck && !event.signatureCheck.valid ? (
                  <SignatureProblem check={event.signatureCheck} />
                ) : null}

                <details className="group mt-2">
                  <summary className="cursor-pointer rounded text-sm font-medium text-stone-700 hover:text-stone-900">
                    {t("details")}
                  </summary>
                  <div className="mt-2 grid gap-3 lg:grid-cols-2">
                    <Block title={t("requestHeaders")}>{headerText(event.requestHeaders)}</Block>
                    <Block title={t("responseHeaders")}>{headerText(event.responseHeaders)}</Block>
                    <Block title={bodyTitle(event, t)}>
                      {event.requestBody ? prettyBody(event.requestBody) : null}
                    </Block>
                    <Block title={t("responseBody")}>
                      {event.responseBody ? prettyBody(event.responseBody) : null}
                    </Block>
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
      {noteForm}
    </Card>
  );
}
