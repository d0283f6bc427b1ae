// Money is integer rupiah everywhere: no floats, no cents, no currency arithmetic elsewhere.

const formatter = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

export function assertRupiah(value: number, what = "amount"): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be an integer number of rupiah, got ${value}`);
  return value;
}

/** `Rp 1.250.000` — the one formatter for every price the shopper or merchant sees. */
export function formatRupiah(value: number): string {
  assertRupiah(value);
  const sign = value < 0 ? "−" : "";
  return `${sign}Rp ${formatter.format(Math.abs(value))}`;
}

export function lineTotal(unitPrice: number, quantity: number): number {
  return assertRupiah(
    assertRupiah(unitPrice, "unit price") * assertRupiah(quantity, "quantity"),
    "line total",
  );
}

export function sum(values: readonly number[]): number {
  return assertRupiah(
    values.reduce((a, b) => a + assertRupiah(b), 0),
    "sum",
  );
}
