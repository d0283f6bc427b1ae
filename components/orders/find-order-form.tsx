"use client";

// "Find my order": email and order reference (or invoice number). The form is the server action's
// own (useActionState), so it works without JavaScript; with it, the fields are checked first in
// the browser with the schema the action checks again (lib/orders/find-order-schema.ts). Every
// well-formed request gets the same sentence: whether an order matched is told only by email.
// Its words come from the page (rendered on the server): the shop's client code formats none.
import { useActionState, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { FieldError } from "@/components/ui/field-error";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  findOrderProblems,
  findOrderSchema,
  type FindOrderAnswer,
  type FindOrderField,
  type FindOrderProblem,
} from "@/lib/orders/find-order-schema";

export type FindOrderAction = (
  previous: FindOrderAnswer | null,
  formData: FormData,
) => Promise<FindOrderAnswer>;

const control =
  "mt-1.5 block h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm focus-visible:border-brand-600 aria-[invalid=true]:border-red-600";

/** The form's words, from messages shop.findOrder.*, one per problem key too. */
export type FindOrderWords = Record<
  "email" | "emailHint" | "reference" | "referenceHint" | "submit" | "sending" | "sent",
  string
> & { errors: Record<FindOrderProblem, string> };

export function FindOrderForm({
  findOrderAction,
  words,
}: {
  findOrderAction: FindOrderAction;
  words: FindOrderWords;
}) {
  const [state, action] = useActionState<FindOrderAnswer | null, FormData>(findOrderAction, null);
  const [local, setLocal] = useState<FindOrderAnswer | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const shown = local ?? state;
  const problems = shown && !shown.ok ? shown.problems : {};

  useEffect(() => {
    const first = (["email", "reference"] as const).find(
      (f) => state && !state.ok && state.problems[f],
    );
    if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [state]);

  const field = (name: FindOrderField) => ({
    id: `find-${name}`,
    name,
    "aria-invalid": problems[name] ? true : undefined,
    "aria-describedby": [`find-${name}-hint`, problems[name] ? `find-${name}-error` : null]
      .filter(Boolean)
      .join(" "),
  });

  if (state?.ok) {
    return (
      <Alert tone="success" testId="find-order-sent">
        {words.sent}
      </Alert>
    );
  }
  return (
    <form
      ref={form}
      action={action}
      noValidate
      className="space-y-4"
      data-testid="find-order-form"
      onSubmit={(event) => {
        const data = new FormData(event.currentTarget);
        const parsed = findOrderSchema.safeParse({
          email: data.get("email") ?? "",
          reference: data.get("reference") ?? "",
        });
        if (parsed.success) return setLocal(null);
        event.preventDefault();
        const found = findOrderProblems(parsed.error);
        setLocal({ ok: false, problems: found });
        const first = (["email", "reference"] as const).find((f) => found[f]);
        if (first) form.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      }}
    >
      <div>
        <label htmlFor="find-email" className="block text-sm font-medium text-stone-800">
          {words.email}
        </label>
        <p id="find-email-hint" className="text-xs text-stone-600">
          {words.emailHint}
        </p>
        <input
          {...field("email")}
          type="email"
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          className={control}
        />
        <FieldError
          id="find-email-error"
          message={problems.email ? words.errors[problems.email] : undefined}
        />
      </div>
      <div>
        <label htmlFor="find-reference" className="block text-sm font-medium text-stone-800">
          {words.reference}
        </label>
        <p id="find-reference-hint" className="text-xs text-stone-600">
          {words.referenceHint}
        </p>
        <input
          {...field("reference")}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          className={`${control} font-mono uppercase`}
        />
        <FieldError
          id="find-reference-error"
          message={problems.reference ? words.errors[problems.reference] : undefined}
        />
      </div>
      <SubmitButton fullWidth pendingLabel={words.sending}>
        {words.submit}
      </SubmitButton>
    </form>
  );
}
