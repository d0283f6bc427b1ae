import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StockTable } from "@/components/admin/stock-table";
import { Card } from "@/components/ui/card";
import { stockList } from "@/lib/admin/stock";
import { requireAdmin } from "@/lib/auth/guard";
import { LOW_STOCK_THRESHOLD } from "@/lib/stock/levels";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.stock");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function StockPage() {
  await requireAdmin();
  const [t, rows] = await Promise.all([getTranslations("admin.stock"), stockList()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">
          {t("intro", { threshold: LOW_STOCK_THRESHOLD })}
        </p>
      </div>
      <Card as="section" aria-label={t("caption")}>
        <StockTable rows={rows} />
      </Card>
      <p className="text-sm text-stone-600">
        {t.rich("howToChange", { slugArg: "<slug>", countArg: "<count>", code })}
      </p>
      <p className="text-sm text-stone-600">
        {t.rich("howToLimit", { slugArg: "<slug>", maxArg: "<n>", code })}
      </p>
    </div>
  );
}

const code = (chunks: React.ReactNode) => (
  <code className="whitespace-nowrap rounded bg-stone-100 px-1 py-0.5 font-mono text-xs text-stone-800">
    {chunks}
  </code>
);
