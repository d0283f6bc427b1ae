import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AlertsTable } from "@/components/admin/alerts-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ALERTS_SHOWN, recentAlerts } from "@/lib/admin/alerts";
import { requireAdmin } from "@/lib/auth/guard";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.alerts");
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default async function AlertsPage() {
  await requireAdmin();
  const [t, { rows, sending }] = await Promise.all([
    getTranslations("admin.alerts"),
    recentAlerts(),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-stone-600">{t("intro", { shown: ALERTS_SHOWN })}</p>
      </div>
      {sending ? null : (
        <Alert tone="warning" testId="alerts-not-sent" role={null}>
          {t.rich("notSent", { code })}
        </Alert>
      )}
      <Card as="section" aria-label={t("caption")}>
        {rows.length > 0 ? (
          <AlertsTable rows={rows} sending={sending} />
        ) : (
          <p className="px-4 py-6 text-sm text-stone-600 sm:px-5" data-testid="alerts-empty">
            {t("empty")}
          </p>
        )}
      </Card>
      <p className="max-w-3xl text-sm text-stone-600">{t.rich("runbook", { code })}</p>
    </div>
  );
}

const code = (chunks: React.ReactNode) => (
  <code className="whitespace-nowrap rounded bg-stone-100 px-1 py-0.5 font-mono text-xs text-stone-800">
    {chunks}
  </code>
);
