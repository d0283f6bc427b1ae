// Why a cart change was refused, as data: lib/cart throws it and the cart's actions put it into
// the shopper's words (./problem-text.ts; messages/*/shop.json, shop.cart.problems). Each code is
// a message key there; the other fields are that message's values. Pure.
export type CartProblem =
  | { code: "productUnavailable" }
  | { code: "notInCart" }
  | { code: "quantityRequired" }
  | { code: "quantityWhole" }
  | { code: "quantityMin"; min: number }
  | { code: "quantityMax"; max: number }
  | { code: "quantityMaxInCart"; max: number; inCart: number }
  /** Above the product's own most per order ("maks. 2 per pembeli"). */
  | { code: "maxPerOrder"; max: number }
  | { code: "maxPerOrderInCart"; max: number; inCart: number }
  /** No units left to sell. */
  | { code: "soldOut" }
  /** Fewer units left than asked for; `inCart`: how many the cart already holds. */
  | { code: "stockLimit"; left: number }
  | { code: "stockLimitInCart"; left: number; inCart: number };

export type CartProblemCode = CartProblem["code"];
