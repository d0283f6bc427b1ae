// Why an order was not placed, in the shopper's language, worded where the action answers so
// the checkout form only shows a string. A sold-out refusal names each product and how many are
// left, and one over a product's most per order names it with its bound. The others are one
// message each, with the problem's fields as its values.
import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { shortfallText } from "@/lib/stock/shortfall-text";
import type { CheckoutProblem, WordedProblem } from "./place-order";

/** The problem with its message, as placeOrderAction answers it. */
export async function wordedProblem(problem: CheckoutProblem): Promise<WordedProblem> {
  const t = await getTranslations("shop.checkout.problem");
  if (problem.code === "maxPerOrder") {
    const format = await getFormatter();
    const items = problem.items.map((item) =>
      t("maxPerOrderItem", { name: item.name, max: item.max }),
    );
    return { code: "maxPerOrder", message: t("maxPerOrder", { items: format.list(items) }) };
  }
  if (problem.code !== "soldOut") return { code: problem.code, message: t(problem.code, problem) };
  const [stock, format] = await Promise.all([getTranslations("shop.stock"), getFormatter()]);
  return {
    code: "soldOut",
    message: t("soldOut", {
      items: shortfallText(problem.items, stock, (words) => format.list(words)),
    }),
  };
}
