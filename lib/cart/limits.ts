// Shared by the quantity inputs and the server: a cart line holds 1 to 99 of a product.
import { z } from "zod";

export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;

export const quantitySchema = z.coerce
  .number({ error: "Enter a quantity" })
  .int("Quantity must be a whole number")
  .min(MIN_QUANTITY, `Quantity must be at least ${MIN_QUANTITY}`)
  .max(MAX_QUANTITY, `You can buy at most ${MAX_QUANTITY} of one item`);

export const productIdSchema = z.coerce.number().int().positive();
