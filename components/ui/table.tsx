// Dense data tables (the back office). A table scrolls sideways inside its card on narrow screens
// instead of squeezing; the scroll box is a named, focusable region, so keyboard users can scroll
// a table that is wider than the screen.
import type {
  HTMLAttributes,
  TableHTMLAttributes,
  TdHTMLAttributes,
  ThHTMLAttributes,
} from "react";

const cx = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ");

/** A table's caption; also used for a card heading that sits where a caption would. */
export const captionClass =
  "caption-top px-4 py-3 text-left text-sm font-semibold text-stone-900 sm:px-5";
const header =
  "whitespace-nowrap border-b border-stone-200 bg-stone-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-600 first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";
const cell =
  "border-b border-stone-100 px-3 py-2 align-top first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";
const numeric = "text-right tabular-nums whitespace-nowrap";

/** The sideways-scrolling box around a table (or a chart): `label` names the region. */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      className={cx(
        className,
        "relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600",
      )}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}

export function Table({ className, ...rest }: TableHTMLAttributes<HTMLTableElement>) {
  return <table className={cx("min-w-full border-collapse text-sm", className)} {...rest} />;
}

export function Caption({ className, ...rest }: HTMLAttributes<HTMLTableCaptionElement>) {
  return <caption className={cx(captionClass, className)} {...rest} />;
}

/** A column header; `numeric` right-aligns it over a column of numbers. */
export function Th({
  numeric: isNumeric,
  className,
  scope = "col",
  ...rest
}: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th scope={scope} className={cx(header, isNumeric && "text-right", className)} {...rest} />
  );
}

/** A row header, styled as a body cell. */
export function RowTh({
  className,
  scope = "row",
  ...rest
}: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} className={cx(cell, className)} {...rest} />;
}

/** A body cell; `numeric` right-aligns it with tabular figures on one line. */
export function Td({
  numeric: isNumeric,
  className,
  ...rest
}: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cx(cell, isNumeric && numeric, className)} {...rest} />;
}
