// Every rupiah amount on screen goes through formatRupiah; this only adds typography.
import { formatRupiah } from "@/lib/money";

const priceClass = "whitespace-nowrap tabular-nums";

export function Price({ value, className = "" }: { value: number; className?: string }) {
  return <span className={`${priceClass} ${className}`}>{formatRupiah(value)}</span>;
}

/**
 * The same typography for an amount inside a message: pass formatRupiah(value) as the message's
 * value and this as its tag, e.g. t.rich("unitPrice", { price: formatRupiah(v), amount: priceTag }).
 */
export const priceTag = (chunks: React.ReactNode) => <span className={priceClass}>{chunks}</span>;
