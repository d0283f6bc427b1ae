"use client";
// The per-line quantity form and remove button. Both call their server action (the page passes
// them) and show its message under the line; the page re-renders with the new totals after
// revalidation. Under them, the line's stock: "Only N left", or, when the line asks for more than
// is left, what to change before checking out (placing the order would be refused).
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { QuantityInput } from "@/components/ui/quantity-input";
import { StockNote } from "@/components/shop/stock-note";
import type { CartLineState } from "@/lib/cart/cart";
import { useCartProblemText } from "./cart-problem";

const initial: CartLineState = {};

type CartLineAction = (formData: FormData) => Promise<CartLineState>;

export function CartLineControls({
  productId,
  productName,
  quantity,
  stock,
  updateQuantityAction,
  removeFromCartAction,
}: {
  productId: number;
  productName: string;
  quantity: number;
  /** Units of the product available right now (loadCart's line.stock). */
  stock: number;
  updateQuantityAction: CartLineAction;
  removeFromCartAction: CartLineAction;
}) {
  const t = useTranslations("shop.cart");
  const stockWords = useTranslations("shop.stock");
  const problemText = useCartProblemText();
  const hidden = (chunks: React.ReactNode) => <span className="sr-only">{chunks}</span>;
  const [updateState, updateAction, updating] = useActionState(
    (_prev: CartLineState, formData: FormData) => updateQuantityAction(formData),
    initial,
  );
  const [removeState, removeAction, removing] = useActionState(
    (_prev: CartLineState, formData: FormData) => removeFromCartAction(formData),
    initial,
  );
  const busy = updating || removing;
  const problem = updating || removing ? undefined : (removeState.error ?? updateState.error);
  const error = problem ? problemText(problem) : undefined;
  const inputId = `qty-${productId}`;
  const errorId = `qty-${productId}-error`;
  const stockId = `qty-${productId}-stock`;
  const over = quantity > stock;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={updateAction} noValidate className="flex items-end gap-2">
          <input type="hidden" name="productId" value={productId} />
          <div>
            <label htmlFor={inputId} className="block text-xs font-medium text-stone-600">
              {t.rich("quantityFor", { product: productName, hidden })}
            </label>
            <QuantityInput
              // A fresh input whenever the saved quantity changes, so it shows what the cart holds.
              key={quantity}
              id={inputId}
              defaultValue={quantity}
              aria-invalid={updateState.error && !updating ? true : undefined}
              aria-describedby={[error ? errorId : null, over ? stockId : null].filter(Boolean).join(" ") || undefined}
              className="mt-1 block h-9 w-20 rounded-lg border border-stone-300 bg-white px-2 text-sm shadow-sm aria-invalid:border-red-600"
            />
          </div>
          <button type="submit" disabled={busy} className={buttonClass({ variant: "secondary", size: "sm" })}>
            {updating ? t("updating") : t("update")}
          </button>
        </form>
        <form action={removeAction}>
          <input type="hidden" name="productId" value={productId} />
          <button type="submit" disabled={busy} className={buttonClass({ variant: "ghost", size: "sm", className: "text-red-700 hover:text-red-800" })}>
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path fillRule="evenodd" d="M8.75 1A2.75 2.75 0 0 0 6 3.75v.44c-.8.08-1.58.18-2.36.3a.75.75 0 1 0 .22 1.49l.15-.03.9 10.1A2.75 2.75 0 0 0 7.65 18.5h4.7a2.75 2.75 0 0 0 2.74-2.45l.9-10.1.15.03a.75.75 0 1 0 .22-1.49A41 41 0 0 0 14 4.19v-.44A2.75 2.75 0 0 0 11.25 1h-2.5ZM10 4c.84 0 1.67.03 2.5.08v-.33c0-.69-.56-1.25-1.25-1.25h-2.5c-.69 0-1.25.56-1.25 1.25v.33C8.33 4.03 9.16 4 10 4Z" clipRule="evenodd" />
            </svg>
            {t.rich(removing ? "removing" : "remove", { product: productName, hidden })}
          </button>
        </form>
      </div>
      {over ? (
        <p id={stockId} data-testid="cart-line-stock" className="text-sm font-medium text-red-700">
          {stockWords("lineOver", { left: Math.max(0, stock) })}
        </p>
      ) : (
        <StockNote stock={stock} />
      )}
      {error ? (
        <p id={errorId} role="alert" data-testid="cart-line-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
