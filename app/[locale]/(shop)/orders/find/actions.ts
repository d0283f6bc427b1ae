"use server";

// "Find my order": the same answer, after the same time, whether or not an order matched
// (lib/orders/find-order.ts).
import { formFields } from "@/lib/form-fields";
import { requestAddress } from "@/lib/limits/request-address";
import { answerFindOrder } from "@/lib/orders/find-order";
import type { FindOrderAnswer } from "@/lib/orders/find-order-schema";

export async function findOrderAction(
  _previous: FindOrderAnswer | null,
  formData: FormData,
): Promise<FindOrderAnswer> {
  return answerFindOrder(formFields(formData), await requestAddress());
}
