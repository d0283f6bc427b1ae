"use client";
// The last resort, when even the root layout failed: its own <html>, the shop's colours by hand
// (the stylesheet may be what failed), and a way back.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: "system-ui, sans-serif", color: "#1c1917", background: "#fafaf9" }}>
        <main style={{ maxWidth: "28rem", margin: "0 auto", padding: "4rem 1rem", textAlign: "center" }}>
          <p style={{ color: "#c2410c", fontWeight: 600, fontSize: "0.875rem" }}>Toko Nusantara</p>
          <h1 style={{ fontSize: "1.75rem", margin: "0.5rem 0 1rem" }}>The shop could not load</h1>
          <p style={{ color: "#57534e" }}>Please try again in a moment. If you were paying, the link to your order shows where the payment stands.</p>
          <p style={{ display: "flex", gap: "0.75rem", justifyContent: "center", marginTop: "1.5rem" }}>
            <button
              type="button"
              onClick={() => reset()}
              style={{ background: "#c2410c", color: "#fff", border: 0, borderRadius: "0.5rem", padding: "0.6rem 1rem", fontWeight: 600, cursor: "pointer" }}
            >
              Try again
            </button>
            {/* A full page load: the client router may be what failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" style={{ color: "#c2410c", padding: "0.6rem 1rem", fontWeight: 600 }}>
              Back to the shop
            </a>
          </p>
          {error.digest ? <p style={{ fontSize: "0.75rem", color: "#78716c" }}>Reference {error.digest}</p> : null}
        </main>
      </body>
    </html>
  );
}
