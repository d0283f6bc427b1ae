"use client";

// While an order awaits Kredivo, ask the server for its status every 2 seconds (for at most 10
// minutes), and re-render the page from the server once the status has changed. Asking is a small
// JSON read (app/api/orders/[token]/status), so waiting costs neither the server a page render
// nor the phone a re-render per poll. The status panel is a live region, so the change is
// announced. Its two sentences come from the page, in the shopper's language.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const INTERVAL_MS = 2_000;
const MAX_MS = 10 * 60 * 1_000;

export function AutoRefresh({
  token,
  status,
  words,
}: {
  token: string;
  status: string;
  words: { running: string; stopped: string };
}) {
  const router = useRouter();
  const [stopped, setStopped] = useState(false);

  useEffect(() => {
    const started = Date.now();
    let timer: number | undefined;
    let done = false;
    // One request at a time: the next one is scheduled when this one has answered.
    const poll = async () => {
      if (Date.now() - started > MAX_MS) {
        setStopped(true);
        return;
      }
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`/api/orders/${encodeURIComponent(token)}/status`, {
            cache: "no-store",
          });
          const answer = response.ok ? ((await response.json()) as { status?: unknown }) : null;
          // Any other answer (a new status, or one this page does not know) is the server's to show.
          if (!done && answer && answer.status !== status) router.refresh();
        } catch {
          // Offline for a moment: the next poll asks again.
        }
      }
      if (!done) timer = window.setTimeout(() => void poll(), INTERVAL_MS);
    };
    timer = window.setTimeout(() => void poll(), INTERVAL_MS);
    return () => {
      done = true;
      window.clearTimeout(timer);
    };
  }, [router, token, status]);

  return (
    <p aria-live="polite" className="text-xs text-stone-600">
      {stopped ? words.stopped : words.running}
    </p>
  );
}
