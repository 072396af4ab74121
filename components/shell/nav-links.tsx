"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn.ts";
import { rememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";

const noSubscription = () => () => {};

/**
 * The main navigation. "Prospek" returns to the lead list the user last looked at (its filters,
 * sort, columns and page), read from this browser after hydration; "Hapus semua filter" on the
 * list starts afresh. From the `lg` breakpoint (1024 px) up it is a sidebar; below it (a phone,
 * a tablet) the links fold behind a "Menu" button so the page keeps the whole width: the button
 * says whether the list is open, opening it moves focus to the first link, Escape closes it and
 * gives focus back to the button, and following a link closes it.
 */
export function NavLinks({ items, userId }: { items: { href: string; label: string }[]; userId?: string }) {
  const pathname = usePathname();
  const leadListHref = useSyncExternalStore(
    noSubscription,
    () => (userId ? (rememberedLeadList(userId)?.href ?? null) : null),
    () => null,
  );
  const [open, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const current = items.find((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));

  return (
    <div
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => {
          const next = !open;
          setOpen(next);
          // After React shows the list: focus cannot land on a hidden link.
          if (next) requestAnimationFrame(() => list.current?.querySelector("a")?.focus());
        }}
        className="flex min-h-11 w-full items-center justify-between gap-3 rounded-md px-3 text-sm font-medium text-slate-800 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 lg:hidden"
      >
        <span>
          Menu
          {current && <span className="font-normal text-slate-500"> · {current.label}</span>}
        </span>
        <span aria-hidden="true">{open ? "▲" : "▼"}</span>
      </button>
      <ul ref={list} id={listId} className={cn("mt-2 space-y-1 lg:mt-0 lg:block", !open && "hidden")}>
        {items.map((item) => {
          const active = item === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href === "/prospek" && leadListHref ? leadListHref : item.href}
                aria-current={active ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={cn(
                  "flex min-h-11 items-center rounded-md px-3 text-sm font-medium lg:min-h-0 lg:py-2",
                  active ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
