// The bounds of a cart line, free of zod so that client components can import them without
// shipping a validation library to the browser. lib/cart/limits.ts validates with them.
export const MIN_QUANTITY = 1;
export const MAX_QUANTITY = 99;
