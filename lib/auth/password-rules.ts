// The one rule for a new back-office password (accepting an invitation, a reset, changing one's
// own, `npm run admin:create`) and a small strength estimate for the meter beside it. Pure: the
// browser runs it as the person types, the server runs it again on what was posted. The estimate
// is a handful of heuristics (length, variety, repeats and runs, the published password, the
// person's own name and email), not a dictionary: zxcvbn's word lists would weigh megabytes.
import { z } from "zod";
import { PUBLISHED_ADMIN_PASSWORD } from "@/lib/published-admin-password";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** Why a new password is refused: keys under admin.password.errors. */
export type PasswordProblem = "tooShort" | "tooLong" | "published" | "mismatch" | "required";

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, "tooShort" satisfies PasswordProblem)
  .max(PASSWORD_MAX_LENGTH, "tooLong" satisfies PasswordProblem)
  .refine((p) => p !== PUBLISHED_ADMIN_PASSWORD, "published" satisfies PasswordProblem);

/** The new password and its confirmation, as a form posts them (`password`, `confirmation`). */
export const newPasswordFields = z
  .object({
    password: newPasswordSchema,
    confirmation: z.string().max(PASSWORD_MAX_LENGTH + 1, "mismatch" satisfies PasswordProblem),
  })
  .refine((v) => v.password === v.confirmation, {
    message: "mismatch" satisfies PasswordProblem,
    path: ["confirmation"],
  });

/** The problems of each field, by field name; message keys only (the form words them). */
export type FieldProblems<K extends string = string> = Partial<Record<K, string[]>>;

export function fieldProblems(error: z.ZodError): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    // zod's own wording (a missing or non-string field) becomes "required": the form only shows keys.
    const key = /^[a-zA-Z]+$/.test(issue.message) ? issue.message : "required";
    const keys = (out[field] ??= []);
    if (!keys.includes(key)) keys.push(key);
  }
  return out;
}

export type StrengthLabel = "veryWeak" | "weak" | "fair" | "good" | "strong";
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  /** A key under admin.password.strength. */
  label: StrengthLabel;
}

const LABELS: StrengthLabel[] = ["veryWeak", "weak", "fair", "good", "strong"];

// A few passwords and keyboard runs everyone tries first; a short list, not a dictionary.
const COMMON = [
  "password",
  "passw0rd",
  "qwerty",
  "asdfgh",
  "zxcvbn",
  "letmein",
  "welcome",
  "iloveyou",
  "admin",
  "sandbox",
  "changeme",
  "rahasia",
  "sayang",
  "indonesia",
  "jakarta",
  "kredivo",
  "doku",
];

/** Words of the person's own that a guesser would try: their email's parts and their name's. */
function personalWords(personal: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of personal) {
    const lower = text.trim().toLowerCase();
    if (!lower) continue;
    if (lower.length >= 3) words.add(lower);
    for (const part of lower.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Each guessable word inside the password counts as one character. */
function withoutWords(password: string, words: readonly string[]): string {
  let lower = password.toLowerCase();
  // Longest first, so `siti.rahayu` is taken whole before `siti`.
  for (const word of [...words].sort((a, b) => b.length - a.length))
    lower = lower.split(word).join("\u0000");
  return lower;
}

/** Characters that add little: the same as the one before, or the next/previous in a run (abc, 321). */
function effectiveLength(text: string): number {
  const chars = [...text];
  let length = 0;
  for (let i = 0; i < chars.length; i++) {
    const here = chars[i]!.codePointAt(0)!;
    const before = i > 0 ? chars[i - 1]!.codePointAt(0)! : NaN;
    length += Math.abs(here - before) <= 1 ? 0.25 : 1;
  }
  return length;
}

function alphabetSize(password: string): number {
  let size = 0;
  if (/[a-z]/.test(password)) size += 26;
  if (/[A-Z]/.test(password)) size += 26;
  if (/[0-9]/.test(password)) size += 10;
  if (/[ -/:-@[-`{-~]/.test(password)) size += 33;
  if (/[^\x00-\x7f]/.test(password)) size += 100;
  return Math.max(size, 10);
}

/**
 * A rough guess of how hard the password is to guess, 0 (very weak) to 4 (strong). `personal` is
 * the person's email and name: a password made of them counts as weak. Only a hint: the rule
 * that refuses is newPasswordSchema.
 */
export function passwordStrength(password: string, personal: readonly string[] = []): Strength {
  if (!password || password.toLowerCase() === PUBLISHED_ADMIN_PASSWORD) return strength(0);
  const stripped = withoutWords(password, [...COMMON, ...personalWords(personal)]);
  const bits = effectiveLength(stripped) * Math.log2(alphabetSize(password));
  let score: Strength["score"] = bits < 30 ? 0 : bits < 45 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  // Short of the rule's length it cannot be better than weak, however varied.
  if ([...password].length < PASSWORD_MIN_LENGTH) score = Math.min(score, 1) as Strength["score"];
  return strength(score);
}

function strength(score: Strength["score"]): Strength {
  return { score, label: LABELS[score]! };
}
