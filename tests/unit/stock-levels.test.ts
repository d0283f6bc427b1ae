// What the shop says about a product's stock (lib/stock/levels.ts): pure, shared by the cached
// catalogue and product pages, the cart and the quantity field.
import { describe, expect, it } from "vitest";
import { LOW_STOCK_THRESHOLD, maxOrderable, stockLevel } from "@/lib/stock/levels";

describe("stockLevel", () => {
  it("is sold out at zero, low up to the threshold, plenty above it", () => {
    expect(stockLevel(0)).toEqual({ kind: "soldOut" });
    expect(stockLevel(-1)).toEqual({ kind: "soldOut" });
    expect(stockLevel(1)).toEqual({ kind: "low", left: 1 });
    expect(stockLevel(LOW_STOCK_THRESHOLD)).toEqual({ kind: "low", left: LOW_STOCK_THRESHOLD });
    expect(stockLevel(LOW_STOCK_THRESHOLD + 1)).toEqual({ kind: "plenty" });
  });

  it("lets a line hold the cart's bound or what is left, whichever is smaller", () => {
    expect([maxOrderable(0), maxOrderable(3), maxOrderable(99), maxOrderable(500)]).toEqual([
      0, 3, 99, 99,
    ]);
  });
});
