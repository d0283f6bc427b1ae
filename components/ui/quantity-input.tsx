// The quantity field of the product page and of each cart line: a whole number within the
// cart's bounds, the same keyboard and checks everywhere. The server checks again.
import type { InputHTMLAttributes } from "react";
import { MAX_QUANTITY, MIN_QUANTITY } from "@/lib/cart/quantity-bounds";

type Props = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "name" | "inputMode" | "min" | "max" | "step" | "required"
>;

/** `max`: fewer than the cart's bound when the stock is lower (the server checks both again). */
export function QuantityInput({ max = MAX_QUANTITY, ...props }: Props & { max?: number }) {
  return (
    <input
      {...props}
      name="quantity"
      type="number"
      inputMode="numeric"
      min={MIN_QUANTITY}
      max={Math.max(MIN_QUANTITY, Math.min(MAX_QUANTITY, max))}
      step={1}
      required
    />
  );
}
