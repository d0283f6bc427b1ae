import type { Tone } from "@/lib/format";

const tones: Record<Tone, string> = {
  brand: "bg-brand-100 text-brand-900 ring-brand-500/30",
  neutral: "bg-stone-100 text-stone-700 ring-stone-300",
  good: "bg-green-50 text-green-800 ring-green-600/30",
  bad: "bg-red-50 text-red-800 ring-red-600/30",
  warn: "bg-amber-50 text-amber-900 ring-amber-600/30",
};

export function Badge({
  children,
  tone = "neutral",
  className = "",
}: {
  children: React.ReactNode;
  tone?: Tone;
  className?: string;
}) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[tone]} ${className}`}
    >
      {children}
    </span>
  );
}
