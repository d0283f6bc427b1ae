// docs/reliability.md stays honest: every test a row cites exists and runs under `npm run
// test:faults`, and every test that runs under it has a row (tests/support/reliability-doc.ts).
import { describe, expect, it } from "vitest";
import {
  checkRepository,
  citations,
  reliabilityProblems,
  startsTitle,
  testTitles,
} from "@/tests/support/reliability-doc";

describe("docs/reliability.md and the tests", () => {
  it("cite each other: every cited test exists and is tagged, every tagged test has a row", () => {
    const problems = checkRepository(process.cwd());
    expect(
      problems,
      `docs/reliability.md and the tests disagree:\n${problems.join("\n")}\n`,
    ).toEqual([]);
  });
});

describe("the checker itself", () => {
  const spec = `
import { test } from "@playwright/test";
test("the app killed and restarted: paid once @faults", async () => {});
test.describe("two instances @faults", () => {
  test("each order paid once", async () => {});
});
for (const kind of ["error500", "timeout"]) {
  test(\`generate-order \${kind}: the order is kept @faults\`, async () => {});
}
test("an untagged test", async () => {});
test.step("not a test", async () => {});
`;
  const titles = testTitles("e2e/x.spec.ts", spec);
  const table = (cell: string) => `| case | test |\n|---|---|\n| a case | ${cell} |\n`;

  it("reads titles, the tag, template titles and nesting", () => {
    expect(titles.map((t) => [t.kind, t.parts.join("*"), t.runsUnderTag])).toEqual([
      ["test", "the app killed and restarted: paid once", true],
      ["describe", "two instances", true],
      ["test", "each order paid once", true],
      ["test", "generate-order *: the order is kept", true],
      ["test", "an untagged test", false],
    ]);
    expect(startsTitle("generate-order error500: the order", titles[3]!.parts)).toBe(true);
    expect(startsTitle("generate-order: the order", titles[3]!.parts)).toBe(false);
    // A name that ends inside the wildcard would match any text there.
    expect(startsTitle("generate-order error500", titles[3]!.parts)).toBe(false);
  });

  it("reads each part of a row's test cell", () => {
    expect(
      citations(table('`e2e/x.spec.ts` "the app killed", "two instances"; `e2e/y.spec.ts`')),
    ).toMatchObject([
      { line: 3, row: "a case", file: "e2e/x.spec.ts", names: ["the app killed", "two instances"] },
      { line: 3, row: "a case", file: "e2e/y.spec.ts", names: [] },
    ]);
  });

  it("passes when every tagged test is cited, by itself or by its describe", () => {
    expect(
      reliabilityProblems(
        table('`e2e/x.spec.ts` "the app killed", "two instances", "generate-order timeout: the"'),
        titles,
      ),
    ).toEqual([]);
  });

  it("names the row and the test when a cited test does not exist, is untagged, or a file is cited without a test", () => {
    const problems = reliabilityProblems(
      table(
        '`e2e/x.spec.ts` "app killed and restarted", "an untagged"; `e2e/x.spec.ts`; `e2e/gone.spec.ts` "x"',
      ),
      titles,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'docs/reliability.md:3 (row "a case"): no test or describe in e2e/x.spec.ts has a title starting "app killed and restarted"',
        'docs/reliability.md:3 (row "a case"): e2e/x.spec.ts:10 "an untagged test" is cited but not tagged @faults (add @faults to its name or to a describe around it)',
        'docs/reliability.md:3 (row "a case"): `e2e/x.spec.ts` is cited without a test; quote the start of a test\'s title',
        'docs/reliability.md:3 (row "a case"): `e2e/gone.spec.ts` is not a test file (give its path from the repository\'s root)',
      ]),
    );
  });

  it("names every tagged test that no row cites", () => {
    expect(reliabilityProblems(table('`e2e/x.spec.ts` "the app killed"'), titles)).toEqual([
      'e2e/x.spec.ts:5 "each order paid once" runs under @faults (npm run test:faults) but no row of docs/reliability.md cites it or a describe around it',
      'e2e/x.spec.ts:8 "generate-order ${…}: the order is kept @faults" runs under @faults (npm run test:faults) but no row of docs/reliability.md cites it or a describe around it',
    ]);
  });
});
