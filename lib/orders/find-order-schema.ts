// The "Find my order" form's rules, shared by the form (the browser checks it first when it can)
// and the server action (which checks it again). Pure: no server-only.
import { z } from "zod";

/** An 8-character order reference (lib/format.ts orderReference) or an invoice number. */
const REFERENCE = /^[A-Za-z0-9_-]{6,64}$/;

export const findOrderSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "emailMissing")
    .max(254, "emailInvalid")
    .pipe(z.email("emailInvalid")),
  reference: z
    .string()
    .trim()
    .min(1, "referenceMissing")
    .max(64, "referenceInvalid")
    .regex(REFERENCE, "referenceInvalid"),
});
export type FindOrderInput = z.output<typeof findOrderSchema>;

export type FindOrderField = keyof FindOrderInput;
export type FindOrderProblem =
  "emailMissing" | "emailInvalid" | "referenceMissing" | "referenceInvalid";

/** The one answer to a well-formed request, whatever was found; or what is wrong with each field. */
export type FindOrderAnswer =
  { ok: true } | { ok: false; problems: Partial<Record<FindOrderField, FindOrderProblem>> };

export function findOrderProblems(
  error: z.ZodError,
): Partial<Record<FindOrderField, FindOrderProblem>> {
  const problems: Partial<Record<FindOrderField, FindOrderProblem>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "reference") && !problems[field])
      problems[field] = issue.message as FindOrderProblem;
  }
  return problems;
}
