// axe on the page as it is now: no serious or critical violation of WCAG 2.1 A/AA or best practice.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export async function expectNoSeriousViolations(page: Page, label: string) {
  // After a client-side navigation Next streams the new <title> in a moment later: wait for it.
  await expect(page).toHaveTitle(/\S/);
  // Not "networkidle": the cached pages' link prefetches (Next's segment prefetches) can stay in
  // flight in Chromium's accounting long after the page is done, though the server answered them.
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(serious, `${label}: ${serious.join("\n")}`).toEqual([]);
}
