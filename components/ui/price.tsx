// Every rupiah amount on screen goes through formatRupiah; this only adds typography.
import { formatRupiah } from "@/lib/money";

export function Price({ value, className = "" }: { value: number; className?: string }) {
  return <span className={`whitespace-nowrap tabular-nums ${className}`}>{formatRupiah(value)}</span>;
}
