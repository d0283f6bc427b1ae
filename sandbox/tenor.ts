// Kredivo's instalment choices as the stand-in page shows them: 30 days at 0%, or 3/6/12 months
// at a flat 2.6% a month on the full amount, each instalment rounded up to a whole rupiah.
import type { Tenor } from "./state";

export const MONTHLY_INTEREST_PER_MILLE = 26n; // 2.6 %

export interface TenorOption {
  value: Tenor;
  label: string;
  months: number | null;
  /** What the shopper pays per instalment (the whole amount for 30 days). */
  instalment: number;
  total: number;
  interest: string;
}

export function monthlyInstalment(amount: number, months: number): number {
  // Integer arithmetic: floating point could round a rupiah the wrong way on large amounts.
  const n = BigInt(months);
  const total = BigInt(amount) * (1000n + MONTHLY_INTEREST_PER_MILLE * n);
  const divisor = 1000n * n;
  return Number((total + divisor - 1n) / divisor);
}

export function tenorOptions(amount: number): TenorOption[] {
  const monthly = (value: Tenor, months: number): TenorOption => {
    const instalment = monthlyInstalment(amount, months);
    return {
      value,
      label: `${months} months`,
      months,
      instalment,
      total: instalment * months,
      interest: "2.6% per month",
    };
  };
  return [
    {
      value: "30d",
      label: "30 days",
      months: null,
      instalment: amount,
      total: amount,
      interest: "0% interest",
    },
    monthly("3m", 3),
    monthly("6m", 6),
    monthly("12m", 12),
  ];
}
