// A refused cart change in the shopper's language: each CartProblem code is a message key under
// shop.cart.problems, and the problem's other fields are that message's values.
import { useTranslations } from "next-intl";
import type { CartProblem } from "@/lib/cart/problems";

export function useCartProblemText(): (problem: CartProblem) => string {
  const t = useTranslations("shop.cart.problems");
  return (problem) => t(problem.code, problem);
}
