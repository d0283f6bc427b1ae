"use client";

// Quantity + "Add to cart". The server action (the page passes addToCartAction) validates, adds
// and redirects to the cart; if it cannot, its refusal, worded on the server, shows here and the
// quantity field points at it. `stock` is what the (cached) product page read: "Only N left", or
// "Sold out" with the button left focusable but inert (aria-disabled), so a screen reader still
// finds it and hears why. Its words come from the page, rendered on the server: the browser
// formats no message (docs/caching.md, "Words in the browser").
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { QuantityInput } from "@/components/ui/quantity-input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AddToCartState } from "@/lib/cart/cart";
import { stockLevel } from "@/lib/stock/levels";

const initialState: AddToCartState = {};

export type AddToCartWords = { quantity: string; addToCart: string; adding: string };

export function AddToCartForm({
  productId,
  stock,
  maxPerOrder = null,
  stockNote,
  words,
  addToCartAction,
}: {
  productId: number;
  /** Units available right now (products.stock); the server checks again when adding. */
  stock: number;
  /** The most one order may hold, when the product sets one (the server checks again). */
  maxPerOrder?: number | null;
  /** The page's <StockNote> for that stock. */
  stockNote: React.ReactNode;
  words: AddToCartWords;
  addToCartAction: (previous: AddToCartState, formData: FormData) => Promise<AddToCartState>;
}) {
  const [state, formAction] = useActionState(addToCartAction, initialState);
  const errorId = "add-to-cart-error";
  const stockId = "add-to-cart-stock";
  const level = stockLevel(stock).kind;
  const soldOut = level === "soldOut";
  // The field is described by the refusal, and by "Only N left" / "Sold out" when shown.
  const described =
    [state.error ? errorId : null, level === "plenty" ? null : stockId].filter(Boolean).join(" ") ||
    undefined;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="productId" value={productId} />
      <div>
        <label htmlFor="quantity" className="block text-sm font-medium text-stone-800">
          {words.quantity}
        </label>
        <div className="mt-1.5 flex flex-wrap items-center gap-3">
          <QuantityInput
            id="quantity"
            // React resets the form after the action: to what the shopper asked for, when refused.
            defaultValue={state.quantity ?? 1}
            max={Math.min(stock, maxPerOrder ?? stock)}
            disabled={soldOut}
            aria-invalid={state.error ? true : undefined}
            aria-describedby={described}
            className="block h-11 w-28 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm disabled:bg-stone-100 aria-invalid:border-red-600"
          />
          {level === "plenty" ? null : <span id={stockId}>{stockNote}</span>}
        </div>
      </div>
      {state.error ? (
        <Alert id={errorId} testId="add-to-cart-error" compact>
          {state.error}
        </Alert>
      ) : null}
      {soldOut ? (
        <button
          type="button"
          aria-disabled="true"
          aria-describedby={stockId}
          className={buttonClass({
            size: "lg",
            className: "w-full cursor-not-allowed opacity-60 sm:w-auto",
          })}
        >
          {words.addToCart}
        </button>
      ) : (
        <SubmitButton size="lg" pendingLabel={words.adding} className="w-full sm:w-auto">
          {words.addToCart}
        </SubmitButton>
      )}
    </form>
  );
}
