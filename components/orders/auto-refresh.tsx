"use client";
// While an order awaits Kredivo, re-render the page from the server every 2 seconds (for at
// most 10 minutes). The status panel is a live region, so a change is announced. Its two
// sentences come from the page, in the shopper's language.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const INTERVAL_MS = 2_000;
const MAX_MS = 10 * 60 * 1_000;

export function AutoRefresh({ words }: { words: { running: string; stopped: string } }) {
  const router = useRouter();
  const [stopped, setStopped] = useState(false);

  useEffect(() => {
    const started = Date.now();
    const timer = window.setInterval(() => {
      if (Date.now() - started > MAX_MS) {
        window.clearInterval(timer);
        setStopped(true);
        return;
      }
      if (document.visibilityState === "visible") router.refresh();
    }, INTERVAL_MS);
    return () => window.clearInterval(timer);
  }, [router]);

  return (
    <p aria-live="polite" className="text-xs text-stone-600">
      {stopped ? words.stopped : words.running}
    </p>
  );
}
