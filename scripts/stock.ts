// `npm run stock -- <slug> <count>`: sets one product's stock (units available to reserve now,
// not counting those unpaid orders hold) and prints it before and after. `npm run stock` alone
// lists every product's. Cached shop pages show the change within their revalidate window.
import { z } from "zod";
import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { databaseUrlField } from "./database-url";
import { loadDotEnv } from "./load-env";

const USAGE = "usage: npm run stock                  (list every product's stock)\n       npm run stock -- <slug> <count>  (set one product's stock)";

loadDotEnv();
const config = z.object({ DATABASE_URL: databaseUrlField }).safeParse(process.env);
const argv = process.argv.slice(2);
// Nothing: list. Otherwise exactly a slug and a count.
const args = z
  .tuple(
    [
      z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "the product's slug, e.g. lintas-x5-smartphone"),
      z
        .string()
        .regex(/^\d+$/, "a whole number of units, 0 or more")
        .transform(Number)
        .pipe(z.number().max(1_000_000, "at most 1,000,000 units")),
    ],
    { error: "give a slug and a count, or nothing to list every product" },
  )
  .optional()
  .safeParse(argv.length === 0 ? undefined : argv);
if (!config.success || !args.success) {
  const issues = [...(config.error?.issues ?? []), ...(args.error?.issues ?? [])];
  const where = (path: PropertyKey[]) => (path[0] === 0 ? "slug" : path[0] === 1 ? "count" : path.join(".") || "arguments");
  console.error(`Cannot change stock:\n${issues.map((i) => `  - ${where(i.path)}: ${i.message}`).join("\n")}\n${USAGE}`);
  process.exit(1);
}
const url = config.data.DATABASE_URL;
// Imported once .env is loaded: lib/db/schema picks its dialect's tables from DATABASE_URL.
const { listStock, setStock } = await import("../lib/stock/set-stock");
const database = openDatabase(url);
try {
  await database.migrate();
  if (!args.data) {
    const rows = await listStock(database);
    const width = Math.max(4, ...rows.map((r) => r.slug.length));
    console.log(`stock in ${shownDatabaseUrl(url)} (held: units unpaid orders hold)`);
    console.log(`${"slug".padEnd(width)}  ${"stock".padStart(6)}  ${"held".padStart(6)}`);
    for (const r of rows) console.log(`${r.slug.padEnd(width)}  ${String(r.stock).padStart(6)}  ${String(r.held).padStart(6)}${r.active ? "" : "  (not sold)"}`);
  } else {
    const [slug, count] = args.data;
    const changed = await setStock(database, slug, count);
    if (!changed) {
      console.error(`No product with slug "${slug}" (npm run stock lists them).`);
      process.exitCode = 1;
    } else {
      console.log(`${slug}: stock ${changed.before} → ${changed.after} in ${shownDatabaseUrl(url)}`);
    }
  }
} finally {
  await database.close();
}
