"use client";
// Quantity + "Add to cart". The server action (the page passes addToCartAction) validates, adds
// and redirects to the cart; if it cannot, its message shows here and the quantity field points
// at it.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useCartProblemText } from "@/components/cart/cart-problem";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { QuantityInput } from "@/components/ui/quantity-input";
import type { AddToCartState } from "@/lib/cart/cart";

const initialState: AddToCartState = {};

export function AddToCartForm({
  productId,
  addToCartAction,
}: {
  productId: number;
  addToCartAction: (previous: AddToCartState, formData: FormData) => Promise<AddToCartState>;
}) {
  const t = useTranslations("shop.product");
  const problemText = useCartProblemText();
  const [state, formAction] = useActionState(addToCartAction, initialState);
  const errorId = "add-to-cart-error";
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="productId" value={productId} />
      <div>
        <label htmlFor="quantity" className="block text-sm font-medium text-stone-800">
          {t("quantity")}
        </label>
        <QuantityInput
          id="quantity"
          defaultValue={1}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? errorId : undefined}
          className="mt-1.5 block h-11 w-28 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm aria-invalid:border-red-600"
        />
      </div>
      {state.error ? (
        <Alert id={errorId} testId="add-to-cart-error" compact>
          {problemText(state.error)}
        </Alert>
      ) : null}
      <SubmitButton size="lg" pendingLabel={t("adding")} className="w-full sm:w-auto">
        {t("addToCart")}
      </SubmitButton>
    </form>
  );
}
