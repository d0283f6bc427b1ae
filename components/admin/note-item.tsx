// A staff note on the order's timeline: who wrote it and when, and its text as written (React
// escapes it; line breaks kept). Only the back office renders it.
import { useTranslations } from "next-intl";
import { ShopTime } from "@/components/ui/shop-time";
import type { OrderNoteRow } from "@/lib/admin/notes";

export function NoteItem({ note }: { note: OrderNoteRow }) {
  const t = useTranslations("admin.notes");
  return (
    <li
      data-testid="timeline-note"
      className="rounded-xl border border-amber-200 border-l-4 border-l-amber-500 bg-amber-50/50 p-3 text-sm sm:p-4"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="inline-flex items-center rounded-md bg-amber-800 px-2 py-0.5 text-xs font-semibold text-white">
          {t("badge")}
        </span>
        <h3 className="font-semibold">{t("by", { name: note.authorName })}</h3>
        <ShopTime at={note.createdAt} seconds className="tabular-nums text-stone-600" />
      </div>
      <p className="mt-2 whitespace-pre-wrap break-words text-stone-900">{note.body}</p>
    </li>
  );
}
