"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn.ts";
import { rememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";

const noSubscription = () => () => {};

/**
 * The navigation. "Prospek" returns to the lead list the user last looked at (its filters, sort,
 * columns and page), read from this browser after hydration; "Hapus semua filter" on the list
 * starts afresh.
 */
export function NavLinks({ items, userId }: { items: { href: string; label: string }[]; userId?: string }) {
  const pathname = usePathname();
  const leadListHref = useSyncExternalStore(
    noSubscription,
    () => (userId ? (rememberedLeadList(userId)?.href ?? null) : null),
    () => null,
  );
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href === "/prospek" && leadListHref ? leadListHref : item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium",
                active ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
