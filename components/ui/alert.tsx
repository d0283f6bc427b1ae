// Messages. `role="alert"` (announced at once) for errors; `role="status"` for calmer notes.
// Every alert carries a test id: Next's route announcer is an alert too.
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
  className = "",
}: {
  children: React.ReactNode;
  tone?: Tone;
  testId: string;
  id?: string;
  role?: "alert" | "status";
  title?: string;
  className?: string;
}) {
  return (
    <div id={id} role={role} data-testid={testId} className={`rounded-xl border px-4 py-3 text-sm ${tones[tone]} ${className}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      <div className={title ? "mt-1" : ""}>{children}</div>
    </div>
  );
}
