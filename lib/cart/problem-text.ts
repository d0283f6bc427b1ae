// A refused cart change in the shopper's language, worded where the action answers, so the form
// in the browser only shows a string. Each CartProblem code is a message key under
// shop.cart.problems; the problem's other fields are that message's values.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { CartProblem } from "./problems";

export async function cartProblemText(problem: CartProblem): Promise<string> {
  const t = await getTranslations("shop.cart.problems");
  return t(problem.code, problem);
}
