// `npm run stock -- <slug> <count>`: sets one product's stock (units available to reserve now,
// not counting those unpaid orders hold) and prints it before and after.
// `npm run stock -- <slug> --max-per-order <n|off>`: the most units one order may hold.
// `npm run stock` alone lists every product's. Cached shop pages show a change within their
// revalidate window.
import { z } from "zod";
import { openDatabase } from "../lib/db/connection";
import { shownDatabaseUrl } from "../lib/db/dialect";
import { databaseUrlField } from "./database-url";
import { loadDotEnv } from "./load-env";

const USAGE = [
  "usage: npm run stock                                   (list every product's stock)",
  "       npm run stock -- <slug> <count>                   (set one product's stock)",
  "       npm run stock -- <slug> --max-per-order <n|off>   (the most one order may hold)",
].join("\n");

loadDotEnv();
const config = z.object({ DATABASE_URL: databaseUrlField }).safeParse(process.env);
const argv = process.argv.slice(2);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "the product's slug, e.g. lintas-x5-smartphone");
const setCount = z.tuple(
  [
    slug,
    z
      .string()
      .regex(/^\d+$/, "a whole number of units, 0 or more")
      .transform(Number)
      .pipe(z.number().max(1_000_000, "at most 1,000,000 units")),
  ],
  {
    error:
      "give a slug and a count, a slug and --max-per-order <n|off>, or nothing to list every product",
  },
);
const setMax = z.tuple([
  slug,
  z.literal("--max-per-order"),
  z
    .string({ error: "give a number of units, 1 or more, or off" })
    .regex(/^(?:[1-9]\d{0,5}|off)$/, "a whole number of units, 1 or more, or off")
    .transform((v) => (v === "off" ? null : Number(v))),
]);
// Nothing: list. Otherwise a slug and a count, or a slug and its most per order.
const args = (argv[1] === "--max-per-order" ? setMax : setCount)
  .optional()
  .safeParse(argv.length === 0 ? undefined : argv);
if (!config.success || !args.success) {
  const issues = [...(config.error?.issues ?? []), ...(args.error?.issues ?? [])];
  const where = (path: PropertyKey[]) =>
    ["slug", "count", "most per order"][Number(path[0])] ?? (path.join(".") || "arguments");
  console.error(
    `Cannot change stock:\n${issues.map((i) => `  - ${where(i.path)}: ${i.message}`).join("\n")}\n${USAGE}`,
  );
  process.exit(1);
}
const url = config.data.DATABASE_URL;
// Imported once .env is loaded: lib/db/schema picks its dialect's tables from DATABASE_URL.
const { listStock, setMaxPerOrder, setStock } = await import("../lib/stock/set-stock");
const database = openDatabase(url);
try {
  await database.migrate();
  if (!args.data) {
    const rows = await listStock(database);
    const width = Math.max(4, ...rows.map((r) => r.slug.length));
    console.log(`stock in ${shownDatabaseUrl(url)} (held: units unpaid orders hold)`);
    console.log(
      `${"slug".padEnd(width)}  ${"stock".padStart(6)}  ${"held".padStart(6)}  ${"max/order".padStart(9)}`,
    );
    for (const r of rows) {
      const max = r.maxPerOrder === null ? "-" : String(r.maxPerOrder);
      console.log(
        `${r.slug.padEnd(width)}  ${String(r.stock).padStart(6)}  ${String(r.held).padStart(6)}  ${max.padStart(9)}${r.active ? "" : "  (not sold)"}`,
      );
    }
  } else if (args.data.length === 3) {
    const [slug, , max] = args.data;
    const changed = await setMaxPerOrder(database, slug, max);
    if (!changed) {
      console.error(`No product with slug "${slug}" (npm run stock lists them).`);
      process.exitCode = 1;
    } else {
      const shown = (n: number | null) => (n === null ? "no limit" : String(n));
      console.log(
        `${slug}: most per order ${shown(changed.before)} → ${shown(changed.after)} in ${shownDatabaseUrl(url)}`,
      );
    }
  } else {
    const [slug, count] = args.data;
    const changed = await setStock(database, slug, count);
    if (!changed) {
      console.error(`No product with slug "${slug}" (npm run stock lists them).`);
      process.exitCode = 1;
    } else {
      console.log(
        `${slug}: stock ${changed.before} → ${changed.after} in ${shownDatabaseUrl(url)}`,
      );
    }
  }
} finally {
  await database.close();
}
