"use client";

// A parcel's forms on the back office's order page: ship it (courier, tracking number, and the
// tracking page for another courier), correct a shipped one's number, mark it delivered; and the
// order's "mark completed". The browser checks with the schema the server checks again
// (lib/fulfilment/ship-schema.ts), so a mistake shows at once under its field; the answer of the
// last action stays in one status line per parcel, which takes the focus when the form it came
// from is gone (a shipped parcel has no ship form). Plain forms: Tab, Enter and Space do it all.
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { courierCodes, couriers, TRACKING_NUMBER_MAX } from "@/lib/fulfilment/couriers";
import {
  shipFieldErrors,
  shipSchema,
  type ParcelActionResult,
  type ShipField,
} from "@/lib/fulfilment/ship-schema";

export type ParcelAction = (formData: FormData) => Promise<ParcelActionResult>;

type Saved = "shipped" | "corrected" | "delivered" | "completed";
type Note =
  { saved: Saved } | { refused: Extract<ParcelActionResult, { refused: string }>["refused"] };

const control =
  "mt-1 block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm shadow-sm focus-visible:border-brand-600 aria-[invalid=true]:border-red-600";

const text = (v: FormDataEntryValue | null) => (typeof v === "string" ? v : "");

function StatusLine({ note, testId }: { note: Note | null; testId: string }) {
  const t = useTranslations("admin.parcels");
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (note) ref.current?.focus();
  }, [note]);
  return (
    <p
      ref={ref}
      tabIndex={-1}
      role="status"
      data-testid={testId}
      className={
        note ? `rounded text-sm ${"saved" in note ? "text-green-800" : "text-red-800"}` : "sr-only"
      }
    >
      {note ? ("saved" in note ? t(`saved.${note.saved}`) : t(`refused.${note.refused}`)) : null}
    </p>
  );
}

interface TrackingValues {
  courier: string;
  trackingNumber: string;
  trackingUrl: string;
}

function TrackingForm({
  mode,
  orderId,
  parcelId,
  initial,
  action,
  onNote,
}: {
  mode: "ship" | "correct";
  orderId: number;
  parcelId: number;
  initial: TrackingValues;
  action: ParcelAction;
  onNote: (note: Note) => void;
}) {
  const t = useTranslations("admin.parcels");
  const [state, submit, pending] = useActionState<
    { errors: Partial<Record<ShipField, string>>; values: TrackingValues },
    FormData
  >(
    async (_previous, formData) => {
      const values = {
        courier: text(formData.get("courier")),
        trackingNumber: text(formData.get("trackingNumber")),
        trackingUrl: text(formData.get("trackingUrl")),
      };
      const parsed = shipSchema.safeParse({ ...values, orderId, parcelId });
      const result: ParcelActionResult = parsed.success
        ? await action(formData)
        : { ok: false, fieldErrors: shipFieldErrors(parsed.error) };
      if ("fieldErrors" in result) return { errors: result.fieldErrors, values };
      onNote(
        result.ok
          ? { saved: mode === "ship" ? "shipped" : "corrected" }
          : { refused: result.refused },
      );
      return { errors: {}, values };
    },
    { errors: {}, values: initial },
  );
  const { errors, values } = state;
  const [courier, setCourier] = useState(initial.courier);
  const formRef = useRef<HTMLFormElement>(null);
  // The first field in error takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    const first = (["courier", "trackingNumber", "trackingUrl"] as const).find((f) => errors[f]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps

  const prefix = `parcel-${parcelId}-${mode}`;
  const field = (name: ShipField) => ({
    id: `${prefix}-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby":
      [
        name === "trackingNumber" ? `${prefix}-hint` : null,
        errors[name] ? `${prefix}-${name}-error` : null,
      ]
        .filter(Boolean)
        .join(" ") || undefined,
  });
  const message = (name: ShipField) =>
    errors[name] ? t(`errors.${errors[name] as "invalid"}`) : undefined;

  return (
    <form
      ref={formRef}
      // Submitted by hand rather than through `action`: React resets a form after its action, and
      // a refused form must keep what was typed and chosen, so it can be corrected.
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        startTransition(() => submit(formData));
      }}
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      data-testid={`${mode}-form`}
    >
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="parcelId" value={parcelId} />
      <div>
        <label htmlFor={`${prefix}-courier`} className="block text-sm font-medium text-stone-800">
          {t("courier")}
        </label>
        <select
          {...field("courier")}
          value={courier}
          onChange={(event) => setCourier(event.target.value)}
          className={control}
        >
          <option value="">{t("chooseCourier")}</option>
          {courierCodes.map((code) => (
            <option key={code} value={code}>
              {code === "other" ? t("otherCourier") : couriers[code].name}
            </option>
          ))}
        </select>
        <FieldError id={`${prefix}-courier-error`} message={message("courier")} />
      </div>
      <div>
        <label
          htmlFor={`${prefix}-trackingNumber`}
          className="block text-sm font-medium text-stone-800"
        >
          {t("trackingNumber")}
        </label>
        <input
          {...field("trackingNumber")}
          type="text"
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          maxLength={TRACKING_NUMBER_MAX * 4}
          defaultValue={values.trackingNumber}
          className={`${control} font-mono uppercase`}
        />
        <p id={`${prefix}-hint`} className="mt-1 text-xs text-stone-500">
          {t("trackingNumberHint")}
        </p>
        <FieldError id={`${prefix}-trackingNumber-error`} message={message("trackingNumber")} />
      </div>
      <div className="sm:col-span-2">
        <label
          htmlFor={`${prefix}-trackingUrl`}
          className="block text-sm font-medium text-stone-800"
        >
          {t("trackingUrl")}
        </label>
        <input
          {...field("trackingUrl")}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={2048}
          defaultValue={values.trackingUrl}
          className={control}
        />
        <FieldError id={`${prefix}-trackingUrl-error`} message={message("trackingUrl")} />
      </div>
      <div className="sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending || undefined}
          className={buttonClass({ size: "sm" })}
        >
          {mode === "ship" ? t("ship") : t("correctSave")}
        </button>
      </div>
    </form>
  );
}

function ButtonForm({
  fields,
  action,
  label,
  saved,
  onNote,
  testId,
}: {
  fields: Record<string, number>;
  action: ParcelAction;
  label: string;
  saved: Saved;
  onNote: (note: Note) => void;
  testId: string;
}) {
  const [, submit] = useActionState<null, FormData>(async (_previous, formData) => {
    const result = await action(formData);
    onNote(
      result.ok
        ? { saved }
        : "refused" in result
          ? { refused: result.refused }
          : { refused: "notFound" },
    );
    return null;
  }, null);
  return (
    <form action={submit} data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant="secondary">
        {label}
      </SubmitButton>
    </form>
  );
}

export function ParcelForms({
  orderId,
  parcel,
  shipAction,
  correctAction,
  deliverAction,
}: {
  orderId: number;
  parcel: {
    id: number;
    state: string;
    digital: boolean;
    courier: string | null;
    trackingNumber: string | null;
    otherUrl: string | null;
  };
  shipAction: ParcelAction;
  correctAction: ParcelAction;
  deliverAction: ParcelAction;
}) {
  const t = useTranslations("admin.parcels");
  const [note, setNote] = useState<Note | null>(null);
  const current = {
    courier: parcel.courier ?? "",
    trackingNumber: parcel.trackingNumber ?? "",
    trackingUrl: parcel.otherUrl ?? "",
  };
  return (
    <div className="space-y-3">
      {parcel.state === "awaiting" && !parcel.digital ? (
        <section aria-labelledby={`parcel-${parcel.id}-ship-heading`}>
          <h4 id={`parcel-${parcel.id}-ship-heading`} className="mb-2 text-sm font-semibold">
            {t("shipHeading")}
          </h4>
          <TrackingForm
            mode="ship"
            orderId={orderId}
            parcelId={parcel.id}
            initial={{ courier: "", trackingNumber: "", trackingUrl: "" }}
            action={shipAction}
            onNote={setNote}
          />
        </section>
      ) : null}
      {parcel.state === "shipped" ? (
        <>
          <ButtonForm
            fields={{ orderId, parcelId: parcel.id }}
            action={deliverAction}
            label={t("markDelivered")}
            saved="delivered"
            onNote={setNote}
            testId="deliver-form"
          />
          <details className="rounded-lg border border-stone-200 p-3">
            <summary className="cursor-pointer rounded text-sm font-medium text-brand-700">
              {t("correct")}
            </summary>
            <p className="my-2 text-xs text-stone-600">{t("correctHint")}</p>
            <TrackingForm
              // A new current number starts the form again from it.
              key={`${current.courier}:${current.trackingNumber}`}
              mode="correct"
              orderId={orderId}
              parcelId={parcel.id}
              initial={current}
              action={correctAction}
              onNote={setNote}
            />
          </details>
        </>
      ) : null}
      <StatusLine note={note} testId="parcel-status" />
    </div>
  );
}

export function CompleteOrderForm({
  orderId,
  completeAction,
}: {
  orderId: number;
  completeAction: ParcelAction;
}) {
  const t = useTranslations("admin.parcels");
  const [note, setNote] = useState<Note | null>(null);
  return (
    <div className="space-y-2">
      <ButtonForm
        fields={{ orderId }}
        action={completeAction}
        label={t("complete")}
        saved="completed"
        onNote={setNote}
        testId="complete-form"
      />
      <StatusLine note={note} testId="complete-status" />
    </div>
  );
}
