// Holds docs/reliability.md and the test files to each other (tests/unit/reliability-doc.test.ts).
//
// The doc's side: every markdown table whose last column is headed "test" is a list of cases; its
// last cell cites tests as `path/of/the.test.ts` "start of a test's title" "another one"; …
// (parts separated by ";", each part one file and one or more quoted title starts).
// The tests' side: every describe/it/test call of the test files, read with TypeScript's parser.
// A title counts as cited when a quoted name is the start of it (the `@faults` tag left out, and
// `${…}` or it.each's `%s` matching any text but not ending the name); a cited describe covers
// every test inside it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export const TAG = "@faults";

/** Where the test runners look: Vitest's projects (vitest.config.ts) and Playwright's testDir. */
export const TEST_ROOTS = ["tests", "sandbox", "e2e"];
const TEST_FILE = /\.(test|spec)\.tsx?$/;

export interface TestTitle {
  file: string;
  line: number;
  kind: "describe" | "test";
  /** As written, for messages. */
  written: string;
  /** The literal parts of the title, the tag removed; a wildcard (`${…}`, `%s`) sits between two parts. */
  parts: string[];
  /** The title itself carries the tag. */
  tagged: boolean;
  /** The runner's full name carries the tag (its own title or an enclosing describe's), so `npm run test:faults` runs it. */
  runsUnderTag: boolean;
  /** The describes around it, outermost first. */
  parents: TestTitle[];
}

export interface Citation {
  /** 1-based line of the row in the doc. */
  line: number;
  /** The row's first cell, to name it in messages. */
  row: string;
  file: string | null;
  names: string[];
  /** The part of the cell as written. */
  text: string;
}

const RUNNER_ROOTS = new Set(["describe", "it", "test"]);
// Property names that keep a call a declaration of a test or group (test.describe.serial, it.each, …).
const MODIFIERS = new Set([
  "describe",
  "only",
  "skip",
  "each",
  "serial",
  "parallel",
  "concurrent",
  "sequential",
  "fixme",
  "fails",
  "todo",
]);

/** The identifiers of a callee chain, e.g. `test.describe.serial` or `it.each([...])` → ["it", "each"]. */
function calleeChain(expression: ts.Expression): string[] | null {
  if (ts.isIdentifier(expression)) return [expression.text];
  if (ts.isPropertyAccessExpression(expression)) {
    const left = calleeChain(expression.expression);
    return left && [...left, expression.name.text];
  }
  // it.each([...])("title", fn): the call that makes the declaration.
  if (ts.isCallExpression(expression)) return calleeChain(expression.expression);
  return null;
}

/** The title's literal parts, split where a template substitution or an it.each placeholder goes. */
function titleParts(
  node: ts.Expression,
  each: boolean,
): { written: string; parts: string[] } | null {
  let parts: string[];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) parts = [node.text];
  else if (ts.isTemplateExpression(node))
    parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
  else return null;
  if (each) parts = parts.flatMap((p) => p.split(/%[sdifjoO#]|\$[A-Za-z_][\w.]*/));
  const written = parts.join("${…}");
  const cleaned = parts.map((p) => p.replaceAll(TAG, "").replace(/\s+/g, " "));
  cleaned[0] = cleaned[0]!.trimStart();
  cleaned[cleaned.length - 1] = cleaned[cleaned.length - 1]!.trimEnd();
  return { written, parts: cleaned };
}

/** Every describe/it/test declaration of one file, outer ones before the ones inside them. */
export function testTitles(file: string, source: string): TestTitle[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: TestTitle[] = [];
  const visit = (node: ts.Node, parents: TestTitle[]) => {
    let inner = parents;
    if (ts.isCallExpression(node)) {
      const chain = calleeChain(node.expression);
      const first = node.arguments[0];
      if (
        chain &&
        RUNNER_ROOTS.has(chain[0]!) &&
        chain.slice(1).every((name) => MODIFIERS.has(name)) &&
        first
      ) {
        const title = titleParts(first, chain.includes("each"));
        if (title) {
          const tagged = title.written.includes(TAG);
          const declared: TestTitle = {
            file,
            line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            kind: chain.includes("describe") ? "describe" : "test",
            ...title,
            tagged,
            runsUnderTag: tagged || parents.some((p) => p.tagged),
            parents,
          };
          found.push(declared);
          inner = [...parents, declared];
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(sourceFile, []);
  return found;
}

/**
 * Whether `name` is the start of a title with these literal parts, each wildcard matching one or
 * more characters. A name may not end inside a wildcard (it must quote on into the literal text
 * after it), or "a flash sale" would match a title written as `a ${status} notification`.
 */
export function startsTitle(name: string, parts: string[]): boolean {
  const [first = "", ...rest] = parts;
  if (first.startsWith(name)) return true;
  if (!name.startsWith(first) || rest.length === 0) return false;
  const after = name.slice(first.length);
  for (let taken = 1; taken < after.length; taken++)
    if (startsTitle(after.slice(taken), rest)) return true;
  return false;
}

/** The cells of a markdown table line, without the outer pipes. */
const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());

/** Every citation in the last cell of every table headed "… | test |". */
export function citations(doc: string): Citation[] {
  const lines = doc.split("\n");
  const found: Citation[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const isHeader = lines[i]!.startsWith("|") && /^\|[\s|:-]+\|$/.test(lines[i + 1]!.trim());
    if (!isHeader || cells(lines[i]!).at(-1) !== "test") continue;
    for (i += 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
      const row = cells(lines[i]!);
      for (const text of (row.at(-1) ?? "").split(";").map((p) => p.trim())) {
        const file = /`([^`]+\.(?:test|spec)\.tsx?)`/.exec(text)?.[1] ?? null;
        const names = [...text.matchAll(/"([^"]+)"/g)].map((m) => m[1]!.replace(/…$/, "").trim());
        found.push({ line: i + 1, row: row[0] ?? "", file, names, text });
      }
    }
  }
  return found;
}

/** Every test file under the runners' roots, as a path relative to `root`. */
export function testFiles(root: string): string[] {
  return TEST_ROOTS.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((f) => TEST_FILE.test(f) && !f.split("/").includes("node_modules"))
      .map((f) => `${dir}/${f}`),
  ).sort();
}

/**
 * What is wrong between the doc and the tests: cited tests that do not exist or do not run under
 * the tag, and tests that run under the tag with no row. Empty when they agree.
 */
export function reliabilityProblems(
  doc: string,
  titles: TestTitle[],
  docName = "docs/reliability.md",
): string[] {
  const problems: string[] = [];
  const files = new Set(titles.map((t) => t.file));
  const cited = new Set<TestTitle>();
  for (const c of citations(doc)) {
    const where = `${docName}:${c.line} (row "${c.row}")`;
    if (!c.file) {
      problems.push(
        `${where}: "${c.text}" names no test file; write it as \`path/to/file.test.ts\` "start of the test's title"`,
      );
      continue;
    }
    if (!files.has(c.file)) {
      problems.push(
        `${where}: \`${c.file}\` is not a test file (give its path from the repository's root)`,
      );
      continue;
    }
    if (c.names.length === 0)
      problems.push(
        `${where}: \`${c.file}\` is cited without a test; quote the start of a test's title`,
      );
    for (const name of c.names) {
      const matches = titles.filter((t) => t.file === c.file && startsTitle(name, t.parts));
      if (matches.length === 0)
        problems.push(`${where}: no test or describe in ${c.file} has a title starting "${name}"`);
      for (const m of matches) {
        if (m.runsUnderTag) cited.add(m);
        else
          problems.push(
            `${where}: ${m.file}:${m.line} "${m.written}" is cited but not tagged ${TAG} (add ${TAG} to its name or to a describe around it)`,
          );
      }
    }
  }
  for (const t of titles) {
    if (t.kind !== "test" || !t.runsUnderTag) continue;
    if (cited.has(t) || t.parents.some((p) => cited.has(p))) continue;
    problems.push(
      `${t.file}:${t.line} "${t.written}" runs under ${TAG} (npm run test:faults) but no row of ${docName} cites it or a describe around it`,
    );
  }
  return problems;
}

/** The repository's own doc and tests. */
export function checkRepository(root: string): string[] {
  const titles = testFiles(root).flatMap((f) => testTitles(f, readFileSync(join(root, f), "utf8")));
  return reliabilityProblems(readFileSync(join(root, "docs/reliability.md"), "utf8"), titles);
}
