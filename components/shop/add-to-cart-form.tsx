"use client";
// Quantity + "Add to cart". The server action validates, adds and redirects to the cart; if it
// cannot, its message shows here and the quantity field points at it.
import { useActionState } from "react";
import { addToCartAction, type AddToCartState } from "@/app/(shop)/cart/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { QuantityInput } from "@/components/ui/quantity-input";

const initialState: AddToCartState = {};

export function AddToCartForm({ productId }: { productId: number }) {
  const [state, formAction] = useActionState(addToCartAction, initialState);
  const errorId = "add-to-cart-error";
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="productId" value={productId} />
      <div>
        <label htmlFor="quantity" className="block text-sm font-medium text-stone-800">
          Quantity
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
        <div id={errorId} role="alert" data-testid="add-to-cart-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {state.error}
        </div>
      ) : null}
      <SubmitButton size="lg" pendingLabel="Adding…" className="w-full sm:w-auto">
        Add to cart
      </SubmitButton>
    </form>
  );
}
