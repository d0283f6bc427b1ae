"use client";

// The back office's two sections. A client component only to mark the page you are on; the
// words come from the server.
import Link from "next/link";
import { usePathname } from "next/navigation";

export function OfficeNav({
  label,
  links,
}: {
  label: string;
  links: { href: string; text: string }[];
}) {
  const pathname = usePathname();
  // "/admin" is the orders list and also the start of every order's address.
  const isCurrent = (href: string) =>
    href === "/admin"
      ? pathname === "/admin" || pathname.startsWith("/admin/orders")
      : pathname.startsWith(href);
  return (
    <nav aria-label={label}>
      <ul className="flex items-center gap-1">
        {links.map((link) => {
          const current = isCurrent(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-2.5 py-1.5 text-sm font-medium ${current ? "bg-stone-100 text-stone-900" : "text-stone-700 hover:bg-stone-50 hover:text-stone-900"}`}
              >
                {link.text}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
