// Shared class names for the back office's dense data tables. Tables scroll sideways inside
// their card on narrow screens instead of squeezing.
// Focusable, so keyboard users can scroll a table that is wider than the screen.
export const tableWrap = "relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600";
export const table = "min-w-full border-collapse text-sm";
export const caption = "caption-top px-4 py-3 text-left text-sm font-semibold text-stone-900 sm:px-5";
export const th = "whitespace-nowrap border-b border-stone-200 bg-stone-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-stone-600 first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";
export const td = "border-b border-stone-100 px-3 py-2 align-top first:pl-4 last:pr-4 sm:first:pl-5 sm:last:pr-5";
export const num = "text-right tabular-nums whitespace-nowrap";
