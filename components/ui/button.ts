// Button and button-like link styles, shared by <button>, <Link> and <a>. White on brand-700
// (5.2:1) keeps primary buttons AA; brand-600 is only used for non-text accents.
type Variant = "primary" | "secondary" | "ghost";
type Size = "sm" | "md" | "lg";

const base =
  "inline-flex items-center justify-center gap-2 rounded-lg font-semibold transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<Variant, string> = {
  primary: "bg-brand-700 text-white shadow-sm hover:bg-brand-900 disabled:hover:bg-brand-700",
  secondary:
    "border border-stone-300 bg-white text-stone-900 shadow-sm hover:bg-stone-100 disabled:hover:bg-white",
  ghost:
    "text-stone-700 underline-offset-4 hover:bg-stone-100 hover:text-stone-900 hover:underline",
};

const sizes: Record<Size, string> = {
  sm: "h-9 px-3 text-sm",
  md: "h-11 px-4 text-sm",
  lg: "h-12 px-6 text-base",
};

export function buttonClass({
  variant = "primary",
  size = "md",
  fullWidth = false,
  className = "",
}: { variant?: Variant; size?: Size; fullWidth?: boolean; className?: string } = {}): string {
  return [base, variants[variant], sizes[size], fullWidth ? "w-full" : "", className]
    .filter(Boolean)
    .join(" ");
}
