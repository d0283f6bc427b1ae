import { describe, expect, it } from "vitest";
import { pathToReload } from "@/lib/i18n/preference";

describe("the language switch reloads the page it was pressed on", () => {
  it("keeps the path and the query of our own page", () => {
    expect(pathToReload("http://localhost:3000/products/batik-kawung-tote")).toBe(
      "/products/batik-kawung-tote",
    );
    expect(pathToReload("https://toko.example/orders/abc?retry_in=3")).toBe(
      "/orders/abc?retry_in=3",
    );
  });

  it("never sends the shopper to another site", () => {
    expect(pathToReload("https://toko.example//evil.example/x")).toBe("/evil.example/x");
    expect(pathToReload("not a url")).toBe("/");
    expect(pathToReload(null)).toBe("/");
  });
});
