"use client";

// Copies a tracking number. Shown only once the page runs JavaScript (the number itself is plain
// text next to it, selectable without), so a page without scripts never shows a dead button.
import { useEffect, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function CopyButton({
  value,
  words,
}: {
  value: string;
  words: { copy: string; copied: string; label: string };
}) {
  // False on the server and in the first render; true in a browser with a clipboard.
  const ready = useSyncExternalStore(
    noSubscription,
    () => Boolean(navigator.clipboard),
    () => false,
  );
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  if (!ready) return null;
  return (
    <button
      type="button"
      aria-label={words.label}
      onClick={() => {
        void navigator.clipboard.writeText(value).then(() => setCopied(true));
      }}
      className="inline-flex h-8 items-center rounded-md border border-stone-300 bg-white px-2.5 text-xs font-medium text-stone-800 shadow-sm hover:bg-stone-50"
      data-testid="copy-tracking"
    >
      <span aria-live="polite">{copied ? words.copied : words.copy}</span>
    </button>
  );
}
