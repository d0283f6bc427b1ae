// The server's validation of cart input; the bounds themselves live in quantity-bounds.ts. The
// messages are CartProblem codes (./problems.ts), put into words where they are shown.
import { z } from "zod";
import type { CartProblem, CartProblemCode } from "./problems";
import { MAX_QUANTITY, MIN_QUANTITY } from "./quantity-bounds";

export { MAX_QUANTITY, MIN_QUANTITY };

const code = (c: CartProblemCode) => c;

export const quantitySchema = z.coerce
  .number({ error: code("quantityRequired") })
  .int(code("quantityWhole"))
  .min(MIN_QUANTITY, code("quantityMin"))
  .max(MAX_QUANTITY, code("quantityMax"));

export const productIdSchema = z.coerce.number().int().positive();

/** The problem a refused quantity has: its first issue, with the bound it broke. */
export function quantityProblem(error: z.ZodError): CartProblem {
  switch (error.issues[0]?.message) {
    case "quantityWhole":
      return { code: "quantityWhole" };
    case "quantityMin":
      return { code: "quantityMin", min: MIN_QUANTITY };
    case "quantityMax":
      return { code: "quantityMax", max: MAX_QUANTITY };
    default:
      return { code: "quantityRequired" };
  }
}
