"use client";

// The checkout form. Validates in the browser with the same checkoutSchema the server action
// uses; the server's answer (field errors or a problem) is shown the same way. Field errors are
// message keys (shop.checkout.errors), worded from the words the page rendered on the server
// (./checkout-words.ts); the server words its problem itself. Once submitted, the button stays
// disabled until the page leaves for Kredivo, so one form makes one order.
import { unstable_rethrow } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import {
  get,
  useForm,
  useWatch,
  type FieldErrors,
  type Path,
  type Resolver,
} from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/submit-button";
import type { PlaceOrderActionResult } from "@/lib/checkout/place-order";
import type { CheckoutDetails, CheckoutErrorKey, CheckoutInput } from "@/lib/checkout/schema";
import type { CheckoutFormWords } from "./checkout-words";
import { TextField } from "./text-field";

const FIELDS = [
  "firstName",
  "lastName",
  "email",
  "phone",
  "shipping.address",
  "shipping.city",
  "shipping.postalCode",
  "shipping.phone",
  "billingSameAsShipping",
  "billing.firstName",
  "billing.lastName",
  "billing.address",
  "billing.city",
  "billing.postalCode",
  "billing.phone",
] as const satisfies readonly Path<CheckoutInput>[];

type FieldName = (typeof FIELDS)[number];
const isField = (key: string): key is FieldName => (FIELDS as readonly string[]).includes(key);

const defaultValues: CheckoutInput = {
  firstName: "",
  lastName: "",
  email: "",
  phone: "",
  shipping: { address: "", city: "", postalCode: "", phone: "" },
  billingSameAsShipping: true,
  billing: { firstName: "", lastName: "", address: "", city: "", postalCode: "", phone: "" },
};

/** What the form says above its button: a problem, and any field errors it has no field for. */
type FormMessage = { problem?: string; unplaced: string[] };

function FormSection({ title, children }: { title: string; children: React.ReactNode }) {
  // A fieldset named by its legend, whose heading also keeps the page outline.
  return (
    <Card className="p-5 sm:p-6">
      <fieldset className="min-w-0">
        <legend className="p-0">
          <h2 className="text-lg font-semibold">{title}</h2>
        </legend>
        {children}
      </fieldset>
    </Card>
  );
}

/**
 * The shared checkoutSchema, loaded after the page is interactive rather than in its first-load
 * JavaScript (zod and the resolver are most of this page's own weight): react-hook-form accepts an
 * async resolver. The import starts when the shopper first focuses the form, well before the
 * first blur validates, and never competes with the page becoming interactive.
 */
const loadResolver = () =>
  Promise.all([import("@hookform/resolvers/zod"), import("@/lib/checkout/schema")]).then(
    // The form holds a superset of the schema's union (billing fields stay mounted while hidden),
    // so the resolver is typed to the form's shape; the parsed output is the schema's own.
    ([{ zodResolver }, { checkoutSchema }]) =>
      zodResolver(checkoutSchema) as unknown as Resolver<CheckoutInput, unknown, CheckoutDetails>,
  );
let resolverPromise: ReturnType<typeof loadResolver> | undefined;
const checkoutResolver: Resolver<CheckoutInput, unknown, CheckoutDetails> = async (
  values,
  context,
  options,
) => (await (resolverPromise ??= loadResolver()))(values, context, options);

export function CheckoutForm({
  checkoutKey,
  summary,
  words,
  placeOrderAction,
}: {
  checkoutKey: string;
  /** The order summary, rendered on the server (components/checkout/checkout-summary.tsx). */
  summary: React.ReactNode;
  words: CheckoutFormWords;
  /** The page passes the server action; it redirects, or answers what to show. */
  placeOrderAction: (values: unknown, checkoutKey: unknown) => Promise<PlaceOrderActionResult>;
}) {
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    control,
    formState: { errors },
  } = useForm<CheckoutInput, unknown, CheckoutDetails>({
    resolver: checkoutResolver,
    mode: "onTouched",
    defaultValues,
  });
  const sameAsShipping = useWatch({ control, name: "billingSameAsShipping" });
  const labels = words.labels;
  const [message, setMessage] = useState<FormMessage | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [isPending, startTransition] = useTransition();
  // A ref, not state: a second click in the same frame must see the first one at once.
  const locked = useRef(false);
  const busy = submitting || isPending;

  // Back from Kredivo via the browser's back/forward cache: the page comes back as it was left,
  // with the button disabled. Let the shopper submit again; the same checkout key sends them to
  // the same order, never a second one.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted) return;
      locked.current = false;
      setSubmitting(false);
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);

  /**
   * A field error's words. The schema's messages and the server's field errors are keys under
   * shop.checkout.errors; anything else (zod's own text for a value of the wrong type) is "invalid".
   */
  const errorText = (key: string): string =>
    Object.hasOwn(words.errors, key) ? words.errors[key as CheckoutErrorKey] : words.errors.invalid;
  const errorFor = (name: FieldName): string | undefined => {
    const key = (get(errors as FieldErrors, name) as { message?: string } | undefined)?.message;
    return key ? errorText(key) : undefined;
  };

  function applyResult(result: PlaceOrderActionResult) {
    const unplaced: string[] = [];
    let first = true;
    for (const [path, key] of Object.entries(result.fieldErrors ?? {})) {
      if (isField(path)) {
        setError(path, { type: "server", message: key }, { shouldFocus: first });
        first = false;
      } else {
        unplaced.push(key);
      }
    }
    setMessage(
      result.problem || unplaced.length > 0 ? { problem: result.problem?.message, unplaced } : null,
    );
  }

  function placeOrder() {
    if (locked.current) return;
    locked.current = true;
    setSubmitting(true);
    setMessage(null);
    // The raw values: the server parses exactly what the browser validated.
    const values = getValues();
    startTransition(async () => {
      let result: PlaceOrderActionResult | undefined;
      try {
        result = await placeOrderAction(values, checkoutKey);
      } catch (error) {
        // A redirect (to Kredivo or to the order page) arrives as a thrown navigation: let Next
        // follow it and keep the button disabled.
        unstable_rethrow(error);
        result = { problem: { code: "network", message: words.network } };
      }
      if (!result) return;
      locked.current = false;
      setSubmitting(false);
      applyResult(result);
    });
  }

  return (
    <form
      onSubmit={(event) => void handleSubmit(placeOrder)(event)}
      onFocusCapture={() => void (resolverPromise ??= loadResolver())}
      noValidate
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start"
    >
      <div className="space-y-6">
        <FormSection title={labels.contact}>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <TextField
              id="firstName"
              label={labels.firstName}
              autoComplete="given-name"
              registration={register("firstName")}
              error={errorFor("firstName")}
            />
            <TextField
              id="lastName"
              label={labels.lastName}
              autoComplete="family-name"
              registration={register("lastName")}
              error={errorFor("lastName")}
            />
            <TextField
              id="email"
              label={labels.email}
              type="email"
              inputMode="email"
              autoComplete="email"
              registration={register("email")}
              error={errorFor("email")}
              className="sm:col-span-2"
            />
            <TextField
              id="phone"
              label={labels.phone}
              hint={labels.phoneHint}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              registration={register("phone")}
              error={errorFor("phone")}
              className="sm:col-span-2"
            />
          </div>
        </FormSection>

        <FormSection title={labels.shippingAddress}>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <TextField
              id="shipping-address"
              label={labels.street}
              autoComplete="shipping street-address"
              registration={register("shipping.address")}
              error={errorFor("shipping.address")}
              className="sm:col-span-2"
            />
            <TextField
              id="shipping-city"
              label={labels.city}
              autoComplete="shipping address-level2"
              registration={register("shipping.city")}
              error={errorFor("shipping.city")}
            />
            <TextField
              id="shipping-postalCode"
              label={labels.postalCode}
              inputMode="numeric"
              autoComplete="shipping postal-code"
              registration={register("shipping.postalCode")}
              error={errorFor("shipping.postalCode")}
            />
            <TextField
              id="shipping-phone"
              label={labels.courierPhone}
              type="tel"
              inputMode="tel"
              autoComplete="shipping tel"
              registration={register("shipping.phone")}
              error={errorFor("shipping.phone")}
            />
            <div>
              <p className="block text-sm font-medium text-stone-800">{labels.country}</p>
              <p className="mt-1.5 flex h-11 items-center rounded-lg border border-stone-200 bg-stone-100 px-3 text-base text-stone-800">
                {labels.countryName}
              </p>
            </div>
          </div>

          <div className="mt-5 flex items-start gap-3">
            <input
              id="billingSameAsShipping"
              type="checkbox"
              className="mt-0.5 size-5 shrink-0 rounded border-stone-400 accent-brand-700"
              {...register("billingSameAsShipping")}
            />
            <label htmlFor="billingSameAsShipping" className="text-sm font-medium text-stone-800">
              {labels.billingSame}
            </label>
          </div>
        </FormSection>

        {sameAsShipping ? null : (
          <FormSection title={labels.billingAddress}>
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              <TextField
                id="billing-firstName"
                label={labels.billingFirstName}
                autoComplete="billing given-name"
                registration={register("billing.firstName")}
                error={errorFor("billing.firstName")}
              />
              <TextField
                id="billing-lastName"
                label={labels.billingLastName}
                autoComplete="billing family-name"
                registration={register("billing.lastName")}
                error={errorFor("billing.lastName")}
              />
              <TextField
                id="billing-address"
                label={labels.billingStreet}
                autoComplete="billing street-address"
                registration={register("billing.address")}
                error={errorFor("billing.address")}
                className="sm:col-span-2"
              />
              <TextField
                id="billing-city"
                label={labels.billingCity}
                autoComplete="billing address-level2"
                registration={register("billing.city")}
                error={errorFor("billing.city")}
              />
              <TextField
                id="billing-postalCode"
                label={labels.billingPostalCode}
                inputMode="numeric"
                autoComplete="billing postal-code"
                registration={register("billing.postalCode")}
                error={errorFor("billing.postalCode")}
              />
              <TextField
                id="billing-phone"
                label={labels.billingPhone}
                type="tel"
                inputMode="tel"
                autoComplete="billing tel"
                registration={register("billing.phone")}
                error={errorFor("billing.phone")}
              />
            </div>
          </FormSection>
        )}
      </div>

      <Card
        as="aside"
        aria-labelledby="checkout-summary-heading"
        className="space-y-5 p-5 sm:p-6 lg:sticky lg:top-24"
      >
        {summary}

        {message ? (
          <Alert testId="form-error">
            {[message.problem ?? null, ...message.unplaced.map(errorText)]
              .filter(Boolean)
              .join(" ")}
          </Alert>
        ) : null}

        <button
          type="submit"
          disabled={busy}
          aria-busy={busy || undefined}
          className={buttonClass({ size: "lg", fullWidth: true })}
        >
          {busy ? (
            <>
              <Spinner />
              {words.redirecting}
            </>
          ) : (
            words.payWith
          )}
        </button>
        <p className="text-center text-xs text-stone-600">{words.approveThere}</p>
      </Card>
    </form>
  );
}
