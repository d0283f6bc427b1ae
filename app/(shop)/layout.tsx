import Link from "next/link";

export default function ShopLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4">
          <Link href="/" className="flex items-center gap-2 text-lg font-bold tracking-tight">
            <span aria-hidden className="grid size-8 place-items-center rounded-lg bg-brand-600 text-white">TN</span>
            Toko Nusantara
          </Link>
          <nav aria-label="Main" className="flex items-center gap-1 text-sm font-medium">
            <Link href="/" className="rounded-md px-3 py-2 hover:bg-stone-100">Shop</Link>
            <Link href="/cart" className="rounded-md px-3 py-2 hover:bg-stone-100">Cart</Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">{children}</main>
      <footer className="border-t border-stone-200 bg-white">
        <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-500">
          Pay later with Kredivo · payments processed by DOKU
        </div>
      </footer>
    </div>
  );
}
