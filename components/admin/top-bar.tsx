// The back office's slim top bar. Signed-in pages pass the staff member and get the email and a
// "Sign out" button; the sign-in page shows only the name.
import Link from "next/link";
import { signOutAction } from "@/app/admin/actions";
import { SubmitButton } from "@/components/ui/submit-button";

export function AdminTopBar({ email }: { email?: string }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-2.5">
        <Link href="/admin" className="flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-brand-700 text-xs font-bold text-white">
            TN
          </span>
          <span>
            Toko Nusantara <span className="text-stone-400">·</span> Back office
          </span>
        </Link>
        {email ? (
          <div className="ml-auto flex min-w-0 items-center gap-3 text-sm">
            <span className="min-w-0 truncate text-stone-600" data-testid="admin-email">
              <span className="sr-only">Signed in as </span>
              {email}
            </span>
            <form action={signOutAction}>
              <SubmitButton size="sm" variant="secondary" pendingLabel="Signing out…">
                Sign out
              </SubmitButton>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
