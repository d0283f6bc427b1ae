"use client";

// The refund panel's forms: cancel (behind a disclosure, so it takes a deliberate second step),
// record a refund (full, or lines and units plus or minus an amount), and confirm a requested
// refund with DOKU's reference. The browser checks with the same code the server checks with
// again (lib/refunds/), so an error shows at once next to its field, in the owner's language; the
// first field in error gets the focus. The page passes the actions (components never import app/).
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import { formFields } from "@/lib/form-fields";
import { formatRupiah } from "@/lib/money";
import {
  checkReason,
  checkReference,
  parseRefundForm,
  REASON_MAX,
  REFERENCE_MAX,
  type RefundActionResult,
  type RefundFieldErrors,
  type RefundFormField,
} from "@/lib/refunds/refund-schema";
import {
  planRefund,
  refundableAmount,
  unitsLeft,
  type RecordedRefund,
  type RefundableItem,
} from "@/lib/refunds/refundable";

export type RefundPanelAction = (formData: FormData) => Promise<RefundActionResult>;

const control =
  "mt-1.5 block w-full rounded-lg border border-stone-300 bg-white px-3 text-sm shadow-sm focus-visible:border-brand-600 aria-[invalid=true]:border-red-600";

type T = ReturnType<typeof useTranslations<"admin.refunds">>;

function useFocusFirstError(
  formRef: React.RefObject<HTMLFormElement | null>,
  errors: RefundFieldErrors,
  state: unknown,
) {
  useEffect(() => {
    const first = Object.keys(errors).find((f) => f !== "form" && f !== "amount");
    const target = first
      ? formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)
      : errors.amount || errors.form
        ? formRef.current?.querySelector<HTMLElement>("[data-form-error]")
        : null;
    target?.focus();
  }, [state]); // eslint-disable-line react-hooks/exhaustive-deps
}

function FormProblem({ errors, t, id }: { errors: RefundFieldErrors; t: T; id: string }) {
  const key = errors.amount ?? errors.form;
  if (!key) return null;
  return (
    <div tabIndex={-1} data-form-error className="outline-none">
      <Alert tone="error" testId={`${id}-error`} compact>
        {t(`errors.${key}`)}
      </Alert>
    </div>
  );
}

const describe = (errors: RefundFieldErrors, field: RefundFormField, id: string) => ({
  "aria-invalid": errors[field] ? true : undefined,
  "aria-describedby": errors[field] ? `${id}-error` : undefined,
});

/** Cancel an order, after opening the disclosure and giving a reason. */
export function CancelOrderForm({
  orderId,
  kind,
  amount,
  action,
}: {
  orderId: number;
  kind: "unpaid" | "paid";
  amount: number;
  action: RefundPanelAction;
}) {
  const t = useTranslations("admin.cancel");
  const tr = useTranslations("admin.refunds");
  const [state, submit] = useActionState<RefundActionResult | null, FormData>(
    async (_previous, formData) => {
      const reason = checkReason(String(formData.get("reason") ?? ""));
      if ("error" in reason) return { ok: false, errors: { reason: reason.error } };
      return action(formData);
    },
    null,
  );
  const errors = state && !state.ok ? state.errors : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors, state);
  if (state?.ok)
    return (
      <Alert tone="success" testId={`cancel-${kind}-done`} compact>
        {t(`${kind}.done`)}
      </Alert>
    );
  const id = `cancel-${kind}`;
  return (
    <details className="rounded-lg border border-stone-200 p-3" data-testid={`${id}`}>
      <summary className="cursor-pointer rounded text-sm font-semibold text-red-800">
        {t(`${kind}.open`)}
      </summary>
      <form ref={formRef} action={submit} noValidate className="mt-3 space-y-3">
        <p className="text-sm text-stone-700">
          {t(`${kind}.intro`, { amount: formatRupiah(amount) })}
        </p>
        <input type="hidden" name="orderId" value={orderId} />
        <FormProblem errors={errors} t={tr} id={id} />
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-stone-800">
            {t("reason")}
          </label>
          <input
            id={`${id}-reason`}
            name="reason"
            maxLength={REASON_MAX + 1}
            className={`${control} h-11`}
            {...describe(errors, "reason", `${id}-reason`)}
          />
          <FieldError
            id={`${id}-reason-error`}
            message={errors.reason ? tr(`errors.${errors.reason}`) : undefined}
          />
        </div>
        <SubmitButton variant="secondary" pendingLabel={t("pending")}>
          {t(`${kind}.submit`)}
        </SubmitButton>
      </form>
    </details>
  );
}

interface FormValues {
  full: boolean;
  quantities: Record<number, string>;
  adjustment: string;
  reason: string;
  restock: boolean;
}

/** Record a refund: everything left, or lines and units plus or minus an adjustment. */
export function RefundForm({
  orderId,
  total,
  items,
  refunds,
  action,
}: {
  orderId: number;
  total: number;
  items: (RefundableItem & { name: string })[];
  refunds: RecordedRefund[];
  action: RefundPanelAction;
}) {
  const t = useTranslations("admin.refunds");
  const left = unitsLeft(items, refunds);
  const refundable = refundableAmount(total, refunds);
  const empty: FormValues = {
    full: false,
    quantities: {},
    adjustment: "",
    reason: "",
    restock: false,
  };
  const [state, submit] = useActionState<
    { result: RefundActionResult | null; values: FormValues },
    FormData
  >(
    async (_previous, formData) => {
      const fields = formFields(formData);
      const values: FormValues = {
        full: fields.mode === "full",
        quantities: Object.fromEntries(
          items.map((i) => [i.id, String(fields[`qty-${i.id}`] ?? "")]),
        ),
        adjustment: String(fields.adjustment ?? ""),
        reason: String(fields.reason ?? ""),
        restock: fields.restock === "on",
      };
      // The same checks the server makes, so a mistake shows before anything is sent.
      const parsed = parseRefundForm(fields);
      if (!parsed.ok) return { result: parsed, values };
      const plan = planRefund({ total, items }, refunds, parsed.form);
      if (!plan.ok) return { result: { ok: false, errors: plan.errors }, values };
      const result = await action(formData);
      return { result, values: result.ok ? empty : values };
    },
    { result: null, values: empty },
  );
  const [full, setFull] = useState(state.values.full);
  const errors = state.result && !state.result.ok ? state.result.errors : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors, state);

  return (
    <form
      ref={formRef}
      action={submit}
      noValidate
      className="space-y-4"
      data-testid="refund-form"
      aria-labelledby="refund-form-heading"
    >
      <h3 id="refund-form-heading" className="text-base font-semibold">
        {t("form.heading")}
      </h3>
      <p className="text-sm text-stone-700">
        {t("form.intro", { amount: formatRupiah(refundable) })}
      </p>
      {state.result?.ok ? (
        <Alert tone="success" testId="refund-recorded" compact>
          {t("form.recorded")}
        </Alert>
      ) : null}
      <FormProblem errors={errors} t={t} id="refund" />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="seen" value={refunds.length} />
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">{t("form.mode")}</legend>
        <div className="mt-1.5 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="partial"
              checked={!full}
              onChange={() => setFull(false)}
            />
            {t("form.partial")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="mode"
              value="full"
              checked={full}
              onChange={() => setFull(true)}
            />
            {t("form.full", { amount: formatRupiah(refundable) })}
          </label>
        </div>
      </fieldset>
      {full ? null : (
        <div className="space-y-3">
          {items.map((item) => {
            const field = `qty-${item.id}` as const;
            const fieldId = `refund-${field}`;
            return (
              <div
                key={item.id}
                className="grid gap-1 sm:grid-cols-[minmax(0,1fr)_8rem] sm:items-center"
              >
                <div className="text-sm">
                  <label htmlFor={fieldId} className="font-medium text-stone-800">
                    <span className="sr-only">{t("form.quantity", { name: item.name })}</span>
                    <span aria-hidden="true">{t("form.line", { name: item.name })}</span>
                  </label>
                  <p className="text-xs text-stone-600">
                    {t("form.lineHint", {
                      left: left.get(item.id) ?? 0,
                      quantity: item.quantity,
                      price: formatRupiah(item.unitPrice),
                    })}
                  </p>
                  <FieldError
                    id={`${fieldId}-error`}
                    message={errors[field] ? t(`errors.${errors[field]}`) : undefined}
                  />
                </div>
                <input
                  id={fieldId}
                  name={field}
                  inputMode="numeric"
                  defaultValue={state.values.quantities[item.id] ?? ""}
                  placeholder="0"
                  className={`${control} h-10 text-right tabular-nums`}
                  {...describe(errors, field, fieldId)}
                />
              </div>
            );
          })}
          <div>
            <label htmlFor="refund-adjustment" className="block text-sm font-medium text-stone-800">
              {t("form.adjustment")}
            </label>
            <p id="refund-adjustment-hint" className="text-xs text-stone-600">
              {t("form.adjustmentHint")}
            </p>
            <input
              id="refund-adjustment"
              name="adjustment"
              inputMode="numeric"
              defaultValue={state.values.adjustment}
              className={`${control} h-10 tabular-nums sm:w-48`}
              aria-invalid={errors.adjustment ? true : undefined}
              aria-describedby={
                errors.adjustment ? "refund-adjustment-error" : "refund-adjustment-hint"
              }
            />
            <FieldError
              id="refund-adjustment-error"
              message={errors.adjustment ? t(`errors.${errors.adjustment}`) : undefined}
            />
          </div>
        </div>
      )}
      <div>
        <label htmlFor="refund-reason" className="block text-sm font-medium text-stone-800">
          {t("form.reason")}
        </label>
        <textarea
          id="refund-reason"
          name="reason"
          rows={2}
          maxLength={REASON_MAX + 1}
          defaultValue={state.values.reason}
          className={`${control} py-2`}
          {...describe(errors, "reason", "refund-reason")}
        />
        <FieldError
          id="refund-reason-error"
          message={errors.reason ? t(`errors.${errors.reason}`) : undefined}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="restock" defaultChecked={state.values.restock} />
        {t("form.restock")}
      </label>
      <SubmitButton pendingLabel={t("form.pending")}>{t("form.submit")}</SubmitButton>
    </form>
  );
}

/** Confirm that DOKU made a requested refund, with DOKU's reference for it. */
export function ConfirmRefundForm({
  orderId,
  refundId,
  action,
}: {
  orderId: number;
  refundId: number;
  action: RefundPanelAction;
}) {
  const t = useTranslations("admin.refunds");
  const [state, submit] = useActionState<RefundActionResult | null, FormData>(
    async (_previous, formData) => {
      const reference = checkReference(String(formData.get("reference") ?? ""));
      if ("error" in reference) return { ok: false, errors: { reference: reference.error } };
      return action(formData);
    },
    null,
  );
  const errors = state && !state.ok ? state.errors : {};
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors, state);
  const id = `confirm-${refundId}`;
  if (state?.ok)
    return (
      <Alert tone="success" testId={`${id}-done`} compact>
        {t("requested.confirmed")}
      </Alert>
    );
  return (
    <form ref={formRef} action={submit} noValidate className="mt-3 space-y-2" data-testid={id}>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="refundId" value={refundId} />
      <FormProblem errors={errors} t={t} id={id} />
      <label htmlFor={`${id}-reference`} className="block text-sm font-medium text-stone-800">
        {t("requested.reference")}
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1">
          <input
            id={`${id}-reference`}
            name="reference"
            maxLength={REFERENCE_MAX + 1}
            autoComplete="off"
            spellCheck={false}
            className={`${control} mt-0 h-10 font-mono`}
            {...describe(errors, "reference", `${id}-reference`)}
          />
          <FieldError
            id={`${id}-reference-error`}
            message={errors.reference ? t(`errors.${errors.reference}`) : undefined}
          />
        </div>
        <SubmitButton variant="secondary" pendingLabel={t("requested.confirming")}>
          {t("requested.confirm")}
        </SubmitButton>
      </div>
    </form>
  );
}
