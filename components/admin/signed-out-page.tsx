// The frame of the back office's signed-out pages (sign-in, forgot password, an invitation, a
// reset link): the slim top bar with only the language switch, and one centred card under a title.
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { AdminTopBar } from "./top-bar";

export function SignedOutPage({
  title,
  width = "narrow",
  languageAction,
  children,
}: {
  title: string;
  /** The forms that set a password need the room for the strength meter. */
  width?: "narrow" | "wide";
  languageAction: (formData: FormData) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <>
      <AdminTopBar languageAction={languageAction} />
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20">
        <Card className={`w-full ${width === "wide" ? "max-w-md" : "max-w-sm"} p-6 sm:p-8`}>
          <h1 className="text-xl font-bold tracking-tight">{title}</h1>
          {children}
        </Card>
      </main>
    </>
  );
}
