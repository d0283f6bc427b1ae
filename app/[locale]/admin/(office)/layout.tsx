import { chooseLanguageAction } from "@/app/[locale]/actions";
import { signOutAction } from "@/app/[locale]/admin/actions";
import { AdminTopBar } from "@/components/admin/top-bar";
import { requireAdmin } from "@/lib/auth/guard";

// Every signed-in page. The layout's check is not the protection on its own: each page and each
// action calls requireAdmin() itself too.
export const dynamic = "force-dynamic";

export default async function OfficeLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireAdmin();
  return (
    <>
      <AdminTopBar
        signedIn={{ email: staff.email, role: staff.role, signOutAction }}
        languageAction={chooseLanguageAction}
      />
      <main id="main" className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-6 sm:py-8">
        {children}
      </main>
    </>
  );
}
