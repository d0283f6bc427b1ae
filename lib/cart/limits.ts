// The server's validation of cart input; the bounds themselves live in quantity-bounds.ts.
import { z } from "zod";
import { MAX_QUANTITY, MIN_QUANTITY } from "./quantity-bounds";

export { MAX_QUANTITY, MIN_QUANTITY };

export const quantitySchema = z.coerce
  .number({ error: "Enter a quantity" })
  .int("Quantity must be a whole number")
  .min(MIN_QUANTITY, `Quantity must be at least ${MIN_QUANTITY}`)
  .max(MAX_QUANTITY, `You can buy at most ${MAX_QUANTITY} of one item`);

export const productIdSchema = z.coerce.number().int().positive();
