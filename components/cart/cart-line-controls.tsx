"use client";

// The per-line quantity form and remove button. Both call their server action (the page passes
// them) and show its refusal, worded on the server, under the line; the page re-renders with the
// new totals after revalidation. Under them, the line's stock as the page rendered it
// (./cart-line-stock.tsx): "Only N left", or, when the line asks for more than is left, what to
// change before checking out (placing the order would be refused). The words come from the page
// too: the browser formats no message.
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { QuantityInput } from "@/components/ui/quantity-input";
import type { CartLineState } from "@/lib/cart/cart";
import { stockLevel } from "@/lib/stock/levels";

const initial: CartLineState = {};

type CartLineAction = (formData: FormData) => Promise<CartLineState>;

/** The line's labels; the ones naming the product say so to screen readers only. */
export type CartLineWords = {
  quantity: React.ReactNode;
  update: string;
  updating: string;
  remove: React.ReactNode;
  removing: React.ReactNode;
};

export function CartLineControls({
  productId,
  quantity,
  stock,
  stockNote,
  words,
  updateQuantityAction,
  removeFromCartAction,
}: {
  productId: number;
  quantity: number;
  /** Units of the product available right now (loadCart's line.stock). */
  stock: number;
  /** The page's <CartLineStock> for this line. */
  stockNote: React.ReactNode;
  words: CartLineWords;
  updateQuantityAction: CartLineAction;
  removeFromCartAction: CartLineAction;
}) {
  const [updateState, updateAction, updating] = useActionState(
    (_prev: CartLineState, formData: FormData) => updateQuantityAction(formData),
    initial,
  );
  const [removeState, removeAction, removing] = useActionState(
    (_prev: CartLineState, formData: FormData) => removeFromCartAction(formData),
    initial,
  );
  const busy = updating || removing;
  const error = updating || removing ? undefined : (removeState.error ?? updateState.error);
  const inputId = `qty-${productId}`;
  const errorId = `qty-${productId}-error`;
  const stockId = `qty-${productId}-stock`;
  const over = quantity > stock;
  const showsStock = over || stockLevel(stock).kind !== "plenty";

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={updateAction} noValidate className="flex items-end gap-2">
          <input type="hidden" name="productId" value={productId} />
          <div>
            <label htmlFor={inputId} className="block text-xs font-medium text-stone-600">
              {words.quantity}
            </label>
            <QuantityInput
              // A fresh input whenever the saved quantity changes, so it shows what the cart holds.
              key={quantity}
              id={inputId}
              defaultValue={quantity}
              aria-invalid={updateState.error && !updating ? true : undefined}
              aria-describedby={
                [error ? errorId : null, over ? stockId : null].filter(Boolean).join(" ") ||
                undefined
              }
              className="mt-1 block h-9 w-20 rounded-lg border border-stone-300 bg-white px-2 text-sm shadow-sm aria-invalid:border-red-600"
            />
          </div>
          <button
            type="submit"
            disabled={busy}
            className={buttonClass({ variant: "secondary", size: "sm" })}
          >
            {updating ? words.updating : words.update}
          </button>
        </form>
        <form action={removeAction}>
          <input type="hidden" name="productId" value={productId} />
          <button
            type="submit"
            disabled={busy}
            className={buttonClass({
              variant: "ghost",
              size: "sm",
              className: "text-red-700 hover:text-red-800",
            })}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path
                fillRule="evenodd"
                d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.18-2.36.3a.75.75 0 1 0 .22 1.49l.15-.03.9 10.1A2.75 2.75 0 0 0 7.65 18.5h4.7a2.75 2.75 0 0 0 2.74-2.45l.9-10.1.15.03a.75.75 0 1 0 .22-1.49A41 41 0 0 0 14 4.19v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.03 2.5.08v-.33c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.33C8.33 4.03 9.16 4 10 4Z"
                clipRule="evenodd"
              />
            </svg>
            {removing ? words.removing : words.remove}
          </button>
        </form>
      </div>
      {showsStock ? <div id={stockId}>{stockNote}</div> : null}
      {error ? (
        <p id={errorId} role="alert" data-testid="cart-line-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
