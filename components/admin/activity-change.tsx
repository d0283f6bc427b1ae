// An activity entry's before and after values, compactly: one line per field, "before → after"
// when both are known, else the one value. Field names and the values the app itself wrote (a
// refusal's reason, an email's kind, a role) are worded; anything else is shown as recorded, and
// React escapes it (a failed sign-in's email is whatever a stranger typed).
import { useTranslations } from "next-intl";
import { ShopTime } from "@/components/ui/shop-time";
import type { CheckStatusKey, CheckStatusWord } from "@/lib/admin/check-status-message";
import {
  activityActions,
  emailKinds,
  fulfilmentStates,
  parcelStates,
  userRoles,
} from "@/lib/db/schema/values";
import { courierName } from "@/lib/fulfilment/couriers";

type Values = Record<string, unknown> | null;

const FIELDS = [
  "email",
  "reason",
  "attempt",
  "result",
  "providerStatus",
  "outboxId",
  "newOutboxId",
  "kind",
  "eventId",
  "outcome",
  "reviewedAt",
  "invoice",
  "action",
  "needs",
  "page",
  "role",
  "name",
  // Parcels (lib/fulfilment/staff.ts).
  "parcelId",
  "seller",
  "state",
  "courier",
  "trackingNumber",
  "trackingUrl",
  "fulfilment",
  "via",
  "days",
  // Notes and the export (lib/admin/notes.ts, lib/admin/export.ts).
  "noteId",
  "chars",
  "excerpt",
  "filter",
  "shape",
  "rows",
  "complete",
] as const;
const REASONS = [
  "wrong_password",
  "unknown",
  "throttled",
  "used",
  "revoked",
  "expired",
  "other_address",
  "account_exists",
  "no_account",
  "account_removed",
  "inviter_removed",
  "inviter_demoted",
  "inviter_not_owner",
] as const;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (list as readonly string[]).includes(value);

const isIsoTime = (v: unknown): v is string =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v);

/** Longest recorded text shown in the table (the entry itself keeps what it kept). */
const SHOWN = 120;

function Value({ field, value }: { field: string; value: unknown }) {
  const t = useTranslations("admin.activity");
  const emails = useTranslations("admin.emails");
  const parcels = useTranslations("admin.parcels");
  if (value === null || value === undefined)
    return <span className="text-stone-500">{t("none")}</span>;
  if (field === "state" && isOneOf(parcelStates, value)) return <>{parcels(`states.${value}`)}</>;
  if (field === "fulfilment" && isOneOf(fulfilmentStates, value))
    return <>{parcels(`fulfilmentStates.${value}`)}</>;
  if (field === "via" && (value === "staff" || value === "automatic"))
    return <>{t(`via.${value}`)}</>;
  if (field === "courier" && typeof value === "string" && value !== "other")
    return <>{courierName(value, null)}</>;
  if (field === "reason" && isOneOf(REASONS, value)) return <>{t(`reasons.${value}`)}</>;
  if (field === "kind" && isOneOf(emailKinds, value)) return <>{emails(`kinds.${value}`)}</>;
  if ((field === "role" || field === "needs") && isOneOf(userRoles, value))
    return <>{t(`roles.${value}`)}</>;
  if (field === "action" && isOneOf(activityActions, value)) return <>{t(`actions.${value}`)}</>;
  if (isIsoTime(value)) return <ShopTime at={new Date(value)} seconds />;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return (
    <span className="break-all font-mono">
      {text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text}
    </span>
  );
}

/** The parts of a Check Status answer its sentence already says (lib/admin/check-status.ts). */
const SAID_BY_RESULT = ["providerStatus", "to", "attemptStatus", "seconds", "httpStatus"];

/** Check Status's outcome as the sentence the button showed, from the key and values it kept. */
function CheckStatusResult({ after }: { after: Record<string, unknown> }) {
  const t = useTranslations("admin.checkStatus");
  const key = String(after.result) as CheckStatusKey;
  if (!t.has(`result.${key}`)) return <Value field="result" value={after.result} />;
  const word = (status: unknown) =>
    typeof status === "string" && t.has(`status.${status as CheckStatusWord}`)
      ? t(`status.${status as CheckStatusWord}`)
      : String(status ?? "—");
  const values: Record<string, string | number> = {
    providerStatus: String(after.providerStatus ?? "—"),
    to: word(after.to),
    attemptStatus: word(after.attemptStatus),
    seconds: Number(after.seconds ?? 0),
    httpStatus: String(after.httpStatus ?? "—"),
  };
  return <>{t(`result.${key}`, values)}</>;
}

export function ActivityChange({ before, after }: { before: Values; after: Values }) {
  const t = useTranslations("admin.activity");
  const worded = after !== null && typeof after.result === "string" && "attempt" in after;
  const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter(
    (name) => !(worded && SAID_BY_RESULT.includes(name)),
  );
  if (names.length === 0) return <span className="text-stone-500">{t("none")}</span>;
  return (
    <dl className="space-y-0.5 text-xs" data-testid="activity-change">
      {names.map((name) => {
        const inBefore = before !== null && name in before;
        return (
          <div key={name} className="flex flex-wrap gap-x-1.5">
            <dt className="text-stone-500">{isOneOf(FIELDS, name) ? t(`fields.${name}`) : name}</dt>
            <dd className="text-stone-900">
              {inBefore ? (
                <>
                  <Value field={name} value={before[name]} />
                  <span className="px-1 text-stone-400">→</span>
                </>
              ) : null}
              {worded && name === "result" ? (
                <CheckStatusResult after={after} />
              ) : (
                <Value field={name} value={after?.[name]} />
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
