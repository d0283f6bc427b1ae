// The pieces the back office's GET filter forms (orders, activity) are built from: a labelled
// field, a date field, and the submit button, so both forms look and behave alike.
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";

const labelClass = "block text-xs font-semibold uppercase tracking-wide text-stone-600";
export const filterControlClass =
  "mt-1 block h-10 w-full rounded-lg border border-stone-300 bg-white px-3 text-sm text-stone-900 shadow-sm focus-visible:border-brand-600";

export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

/** A day (YYYY-MM-DD) in the shop's zone; the browser shows its own date picker. */
export function DateField({
  id,
  name,
  label,
  value,
}: {
  id: string;
  name: string;
  label: string;
  value: string | null;
}) {
  return (
    <FilterField id={id} label={label}>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={value ?? ""}
        className={filterControlClass}
      />
    </FilterField>
  );
}

export function FilterSubmit({ children }: { children: ReactNode }) {
  return (
    <button
      type="submit"
      className={buttonClass({
        size: "sm",
        className: "col-span-2 h-10 sm:col-span-4 lg:col-span-1",
      })}
    >
      {children}
    </button>
  );
}
