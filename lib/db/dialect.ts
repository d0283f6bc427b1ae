// Which database DATABASE_URL names: a file path is SQLite (one machine), a postgres:// URL is
// PostgreSQL (one or several instances). Anything else is refused, never guessed at: a URL taken
// for a path would quietly create a SQLite file in a folder named after its scheme.
export type Dialect = "sqlite" | "postgresql";

export type DatabaseTarget =
  { dialect: "sqlite"; path: string } | { dialect: "postgresql"; url: string };

export const DEFAULT_DATABASE_URL = ".data/shop.db";

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

export function parseDatabaseUrl(
  value: string,
): { ok: true; target: DatabaseTarget } | { ok: false; message: string } {
  const trimmed = value.trim();
  if (trimmed === "")
    return {
      ok: false,
      message: "is empty: give a SQLite file path (e.g. .data/shop.db) or a postgres:// URL",
    };
  if (trimmed === ":memory:") return { ok: true, target: { dialect: "sqlite", path: trimmed } };
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === undefined) return { ok: true, target: { dialect: "sqlite", path: trimmed } };
  if (scheme !== "postgres" && scheme !== "postgresql") {
    return {
      ok: false,
      message: `starts with "${scheme}:", which is neither a SQLite file path (e.g. .data/shop.db) nor a PostgreSQL URL (postgres://user:password@host:5432/shop)`,
    };
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      ok: false,
      message: "is not a valid PostgreSQL URL (postgres://user:password@host:5432/shop)",
    };
  }
  if (!url.hostname && !url.searchParams.get("host"))
    return { ok: false, message: "names no host (postgres://user:password@host:5432/shop)" };
  if (url.pathname.replace(/^\//, "") === "")
    return { ok: false, message: "names no database (postgres://user:password@host:5432/shop)" };
  return { ok: true, target: { dialect: "postgresql", url: trimmed } };
}

/** The dialect the process runs on; an unreadable value counts as SQLite here and is refused by env(). */
export function dialectOf(value: string | undefined): Dialect {
  const parsed = parseDatabaseUrl(value ?? DEFAULT_DATABASE_URL);
  return parsed.ok ? parsed.target.dialect : "sqlite";
}

/** For messages and logs: the file path, or the URL with its password masked. */
export function shownDatabaseUrl(value: string): string {
  const parsed = parseDatabaseUrl(value);
  if (!parsed.ok || parsed.target.dialect === "sqlite") return value;
  const shown = new URL(parsed.target.url);
  if (shown.password) shown.password = "***";
  return shown.toString();
}
