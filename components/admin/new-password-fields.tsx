"use client";

// A new password, its confirmation and a strength meter, for the invitation, reset and own-account
// forms. The meter is a hint (lib/auth/password-rules.ts); the server applies the rule. Its level
// is said in words as well as shown as a bar, and a polite live region announces the words when
// they change, not at every keystroke.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { passwordStrength, type PasswordProblem } from "@/lib/auth/password-rules";

export const fieldInput =
  "mt-1.5 block h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm shadow-sm placeholder:text-stone-400 focus-visible:border-brand-600 aria-[invalid=true]:border-red-600 read-only:bg-stone-100 read-only:text-stone-700";

const barColours = ["bg-red-600", "bg-red-600", "bg-amber-500", "bg-green-600", "bg-green-700"];

/** A field's problems, already worded, shown under it (the field's aria-describedby names `id`). */
export function FieldErrors({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-800" data-testid={id}>
      {messages.join(" ")}
    </p>
  );
}

/** Words a field's problem keys under admin.password.errors; a key it does not know reads "required". */
export function usePasswordProblems(): (keys?: string[]) => string[] | undefined {
  const t = useTranslations("admin.password.errors");
  return (keys) => keys?.map((key) => t(isPasswordProblem(key) ? key : "required"));
}

const problems: readonly PasswordProblem[] = [
  "tooShort",
  "tooLong",
  "published",
  "mismatch",
  "required",
];
function isPasswordProblem(key: string): key is PasswordProblem {
  return (problems as readonly string[]).includes(key);
}

export function NewPasswordFields({
  personal = [],
  nameField,
  errors = {},
}: {
  /** The person's email and name: a password made of them shows as weak. */
  personal?: string[];
  /** A form field whose typed value counts as personal too (the invitation's name). */
  nameField?: string;
  errors?: { password?: string[]; confirmation?: string[] };
}) {
  const t = useTranslations("admin.password");
  const word = usePasswordProblems();
  const [strength, setStrength] = useState(() => passwordStrength(""));
  const [typed, setTyped] = useState(false);
  // A field's errors are about what was posted: once it is edited they no longer apply.
  const [editedSince, setEditedSince] = useState<Record<string, object | undefined>>({});
  const shown = {
    password: editedSince.password === errors ? undefined : errors.password,
    confirmation: editedSince.confirmation === errors ? undefined : errors.confirmation,
  };

  function measure(event: React.ChangeEvent<HTMLInputElement>) {
    const form = event.currentTarget.form;
    const named = nameField ? form?.elements.namedItem(nameField) : null;
    const name = named instanceof HTMLInputElement ? named.value : "";
    setTyped(event.currentTarget.value.length > 0);
    setEditedSince((edited) => ({ ...edited, password: errors }));
    setStrength(passwordStrength(event.currentTarget.value, [...personal, name]));
  }

  const label = t(`strength.${strength.label}`);
  return (
    <>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-stone-800">
          {t("new")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          minLength={12}
          maxLength={200}
          autoComplete="new-password"
          onChange={measure}
          aria-invalid={shown.password?.length ? true : undefined}
          aria-describedby={`password-hint password-strength${shown.password?.length ? " password-error" : ""}`}
          className={fieldInput}
        />
        <p id="password-hint" className="mt-1 text-xs text-stone-600">
          {t("hint")}
        </p>
        <FieldErrors id="password-error" messages={word(shown.password)} />
        <div className="mt-2 flex items-center gap-3" data-testid="password-meter">
          <div
            aria-hidden="true"
            className="grid h-1.5 flex-1 grid-cols-5 gap-1 overflow-hidden rounded-full"
          >
            {[0, 1, 2, 3, 4].map((step) => (
              <span
                key={step}
                className={`rounded-full ${typed && step <= strength.score ? barColours[strength.score] : "bg-stone-200"}`}
              />
            ))}
          </div>
          <p
            id="password-strength"
            aria-live="polite"
            className="min-w-28 text-right text-xs font-medium text-stone-700"
            data-testid="password-strength"
            data-score={typed ? strength.score : undefined}
          >
            {typed ? t("strengthValue", { label }) : null}
          </p>
        </div>
      </div>
      <div>
        <label htmlFor="confirmation" className="block text-sm font-medium text-stone-800">
          {t("confirmation")}
        </label>
        <input
          id="confirmation"
          name="confirmation"
          type="password"
          required
          maxLength={201}
          autoComplete="new-password"
          onChange={() => setEditedSince((edited) => ({ ...edited, confirmation: errors }))}
          aria-invalid={shown.confirmation?.length ? true : undefined}
          aria-describedby={shown.confirmation?.length ? "confirmation-error" : undefined}
          className={fieldInput}
        />
        <FieldErrors id="confirmation-error" messages={word(shown.confirmation)} />
      </div>
    </>
  );
}
