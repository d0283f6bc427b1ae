"use client";

// The order's emails from the outbox, oldest first: what each one is, where it went, how it
// stands, and what the SMTP server last said (or the error that keeps it queued or failed). Each
// row has "Resend", which queues a new outbox row for the same address (lib/admin/emails.ts), so
// the first one's history stays as it was; the page re-renders with the new row. An email the
// recipient's daily cap kept back says so in words, and its resend goes out past the cap. A client
// component only for the resend forms' answers; the page passes the rows and the action.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ShopTime } from "@/components/ui/shop-time";
import { SubmitButton } from "@/components/ui/submit-button";
import { RowTh, Table, TableScroll, Td, Th } from "@/components/ui/table";
import type { OrderEmailRow } from "@/lib/admin/emails";
import type { EmailStatus } from "@/lib/db/schema";
import type { Tone } from "@/lib/format";

/** The resend action's answer; a form that does not parse answers `notFound`. */
export type ResendEmailResult = "queued" | "notFound";
export type ResendEmailAction = (formData: FormData) => Promise<ResendEmailResult>;

/** The row's status, or `limited` for a failed row the daily cap kept back. */
type EmailState = EmailStatus | "limited";
const STATUS_TONE: Record<EmailState, Tone> = {
  queued: "warn",
  sending: "warn",
  sent: "good",
  failed: "bad",
  limited: "neutral",
};
const stateOf = (email: OrderEmailRow): EmailState => (email.limited ? "limited" : email.status);

function ResendForm({
  orderId,
  outboxId,
  primary,
  resendEmailAction,
}: {
  orderId: number;
  outboxId: number;
  primary: boolean;
  resendEmailAction: ResendEmailAction;
}) {
  const [state, action] = useActionState<ResendEmailResult | null, FormData>(
    (_previous, formData) => resendEmailAction(formData),
    null,
  );
  const t = useTranslations("admin.emails");
  const ok = state === "queued";
  return (
    <form action={action} className="flex min-w-36 flex-col items-start gap-1.5">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="outboxId" value={outboxId} />
      <SubmitButton
        size="sm"
        variant={primary ? "primary" : "secondary"}
        pendingLabel={t("resending")}
        className="whitespace-nowrap"
      >
        {t("resend")}
      </SubmitButton>
      <p
        role="status"
        aria-live="polite"
        data-testid="resend-result"
        className={`max-w-56 text-xs ${state ? (ok ? "text-green-800" : "text-red-800") : "sr-only"}`}
      >
        {state ? (
          <>
            <span aria-hidden="true">{ok ? "✓ " : "✗ "}</span>
            {t(`result.${state}`)}
          </>
        ) : null}
      </p>
    </form>
  );
}

/** Sent at, or the next try for a queued email; otherwise when it was queued. */
function When({ email }: { email: OrderEmailRow }) {
  const t = useTranslations("admin.emails");
  const [label, at] =
    email.status === "sent" && email.sentAt
      ? [t("sentAt"), email.sentAt]
      : email.status === "queued"
        ? [t("nextTryAt"), email.nextAttemptAt]
        : [t("queuedAt"), email.createdAt];
  return (
    <>
      <span className="block text-xs text-stone-500">{label}</span>
      <ShopTime at={at} seconds className="whitespace-nowrap tabular-nums" />
    </>
  );
}

/** The error that keeps a queued or failed email from going, or else the server's last answer. */
function Answer({ email }: { email: OrderEmailRow }) {
  const t = useTranslations("admin.emails");
  if (email.limited) {
    return (
      <p data-testid="email-limited" className="text-xs text-stone-800">
        {t("limitedWhy")}
      </p>
    );
  }
  const error =
    (email.status === "queued" || email.status === "failed") && email.lastError
      ? email.lastError
      : null;
  const text = error ?? email.lastResponse;
  if (!text) {
    return (
      <span className="text-stone-500">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{t("noAnswer")}</span>
      </span>
    );
  }
  return (
    <div data-testid={error ? "email-error" : "email-answer"}>
      <span className={`block text-xs font-semibold ${error ? "text-red-800" : "text-stone-500"}`}>
        {error ? <span aria-hidden="true">✗ </span> : null}
        {t(error ? "lastError" : "serverAnswer")}
      </span>
      <span
        className={`font-mono text-xs wrap-anywhere ${error ? "text-red-800" : "text-stone-800"}`}
      >
        {text}
      </span>
    </div>
  );
}

export function OrderEmails({
  orderId,
  emails,
  smtpConfigured,
  resendEmailAction,
}: {
  orderId: number;
  emails: OrderEmailRow[];
  /** False when SMTP_URL is unset: emails queue but nothing sends them. */
  smtpConfigured: boolean;
  resendEmailAction: ResendEmailAction;
}) {
  const t = useTranslations("admin.emails");
  return (
    <Card as="section" aria-labelledby="emails-heading" data-testid="order-emails">
      <div className="px-4 pt-4 sm:px-5">
        <h2 id="emails-heading" className="text-base font-semibold">
          {t("heading")}
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">{t("intro")}</p>
      </div>
      {smtpConfigured ? null : (
        <Alert
          tone="warning"
          role={null}
          testId="smtp-not-configured"
          title={t("smtpMissingTitle")}
          className="mx-4 mt-3 sm:mx-5"
        >
          {t("smtpMissing")}
        </Alert>
      )}
      {emails.length === 0 ? (
        <p className="px-4 py-4 text-sm text-stone-600 sm:px-5">{t("none")}</p>
      ) : (
        <TableScroll label={t("scrollLabel")} className="mt-3">
          <Table data-testid="admin-emails">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <Th>{t("kind")}</Th>
                <Th>{t("recipient")}</Th>
                <Th>{t("status")}</Th>
                <Th numeric>{t("tries")}</Th>
                <Th>{t("when")}</Th>
                <Th>{t("answer")}</Th>
                <Th>
                  <span className="sr-only">{t("action")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr
                  key={email.id}
                  data-testid="email-row"
                  data-kind={email.kind}
                  data-status={stateOf(email)}
                >
                  <RowTh className="min-w-44 text-left font-normal">
                    <span className="block font-medium">{t(`kinds.${email.kind}`)}</span>
                    <span className="block text-xs text-stone-500">
                      <span className="tabular-nums">{t("number", { id: email.id })}</span>
                      {email.resendOf !== null ? (
                        <>
                          {" · "}
                          <span data-testid="email-resend-of">
                            {t("resendOf", { id: email.resendOf })}
                          </span>
                        </>
                      ) : null}
                    </span>
                  </RowTh>
                  <Td className="whitespace-nowrap">{email.recipient}</Td>
                  <Td>
                    <Badge tone={STATUS_TONE[stateOf(email)]} className="whitespace-nowrap">
                      {t(`statuses.${stateOf(email)}`)}
                    </Badge>
                  </Td>
                  <Td numeric>{email.tries}</Td>
                  <Td>
                    <When email={email} />
                  </Td>
                  <Td className="min-w-56 max-w-md">
                    <Answer email={email} />
                  </Td>
                  <Td>
                    <ResendForm
                      orderId={orderId}
                      outboxId={email.id}
                      primary={email.status === "failed"}
                      resendEmailAction={resendEmailAction}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}
