// Where to go after signing in: only a path inside the back office, never another origin.
export const ADMIN_HOME = "/admin";

export function safeAdminRedirect(from: unknown): string {
  if (typeof from !== "string" || from.length > 2000) return ADMIN_HOME;
  if (!from.startsWith(ADMIN_HOME) || from.startsWith("//")) return ADMIN_HOME;
  // `/admin`, `/admin/…`, `/admin?…` or `/admin#…` — not `/admin.evil.example` or `/administrator`.
  const next = from.charAt(ADMIN_HOME.length);
  if (next !== "" && next !== "/" && next !== "?" && next !== "#") return ADMIN_HOME;
  // No backslashes or control characters, which some browsers read as `/` or drop.
  if (/[\\\u0000-\u001f\u007f]/.test(from)) return ADMIN_HOME;
  // The sign-in page itself would be a loop.
  if (
    from === "/admin/sign-in" ||
    from.startsWith("/admin/sign-in?") ||
    from.startsWith("/admin/sign-in/")
  )
    return ADMIN_HOME;
  return from;
}
