// The merchant's scripts as plain JavaScript for the production image, which has no TypeScript
// runner: each one bundled with what it imports into .next/scripts/<name>.mjs (next build empties
// .next first, so they always match the server beside them). Only better-sqlite3 stays outside,
// being native: .next/standalone/node_modules carries it for the server.
import { builtinModules } from "node:module";
import { build } from "esbuild";

/** The package.json scripts a merchant runs in production, by file: docs/deploy.md lists them. */
const BUNDLED_SCRIPTS = [
  "db-migrate",
  "admin-create",
  "db-backup",
  "stock",
  "reconcile",
  "doku-doctor",
] as const;

/** What the bundles may import at run time besides Node's own modules. */
const EXTERNAL = ["better-sqlite3", "pg-native"];
const OUT = ".next/scripts";

const result = await build({
  entryPoints: BUNDLED_SCRIPTS.map((name) => `scripts/${name}.ts`),
  outdir: OUT,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // As `tsx --conditions=react-server` runs reconcile and doku:doctor: server-only resolves to nothing.
  conditions: ["react-server"],
  external: EXTERNAL,
  // CommonJS packages bundled into ES modules still call require() for Node's own modules.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
});

// pg-native is only reached when NODE_PG_FORCE_NATIVE is set; anything else outside must be a mistake.
const outside = new Set(
  Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports
      .filter((i) => i.external && !i.path.startsWith("node:") && !isBuiltin(i.path))
      .map((i) => i.path),
  ),
);
const unexpected = [...outside].filter((path) => !EXTERNAL.includes(path));
if (unexpected.length > 0) {
  console.error(`bundle-scripts: ${OUT} would import ${unexpected.join(", ")} at run time`);
  process.exit(1);
}
console.log(`bundled ${BUNDLED_SCRIPTS.length} scripts into ${OUT}`);

function isBuiltin(path: string): boolean {
  return builtinModules.includes(path.split("/")[0]!);
}
