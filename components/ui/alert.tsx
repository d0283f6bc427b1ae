// Messages. `role="alert"` (announced at once) for errors; `role="status"` for calmer notes;
// `role={null}` for a note that is part of the page rather than news (no live region). Every
// alert carries a test id: Next's route announcer is an alert too. `compact` for a message inside
// a form or a dense list.
type Tone = "error" | "warning" | "info" | "success";

const tones: Record<Tone, string> = {
  error: "border-red-200 bg-red-50 text-red-900",
  warning: "border-amber-200 bg-amber-50 text-amber-950",
  info: "border-sky-200 bg-sky-50 text-sky-950",
  success: "border-green-200 bg-green-50 text-green-900",
};

export function Alert({
  children,
  tone = "error",
  testId,
  id,
  role = tone === "error" ? "alert" : "status",
  title,
  compact = false,
  className = "",
}: {
  children: React.ReactNode;
  tone?: Tone;
  testId: string;
  id?: string;
  role?: "alert" | "status" | null;
  title?: string;
  compact?: boolean;
  className?: string;
}) {
  const box = compact ? "rounded-lg px-3 py-2" : "rounded-xl px-4 py-3";
  return (
    <div
      id={id}
      role={role ?? undefined}
      data-testid={testId}
      className={`${box} border text-sm ${tones[tone]}${className ? ` ${className}` : ""}`}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <div className={title ? "mt-1" : undefined}>{children}</div>
    </div>
  );
}
