// The framework's floor for a cached page (bench/page-floor.ts): a bare App Router app, built on
// its own, with none of the shop's machinery: no proxy, no cache handler, no headers, no i18n.
export default function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
