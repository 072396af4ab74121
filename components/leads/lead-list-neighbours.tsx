"use client";

import Link from "next/link";
import { useSyncExternalStore } from "react";
import { leadNeighbours, rememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";

const noSubscription = () => () => {};

/**
 * The lead page's way back and sideways: "Prospek" returns to the list the lead was opened from
 * (its filters, sort and page), and the previous and next lead of that list are one tap away.
 * Without a remembered list (a shared link) it is the plain link to the list.
 */
export function LeadListNeighbours({ userId, leadId, leadName }: { userId: string; leadId: string; leadName: string }) {
  // Read after hydration only: the server cannot know the browser's storage.
  const stored = useSyncExternalStore(
    noSubscription,
    () => localStorage.getItem(`jangkau:daftar-prospek:${userId}`),
    () => null,
  );
  const list = stored ? rememberedLeadList(userId) : null;
  const around = list ? leadNeighbours(list, leadId) : null;
  const link = "inline-flex min-h-11 items-center text-brand-700 underline";
  return (
    <nav aria-label="Navigasi prospek" className="mb-2 flex flex-wrap items-center justify-between gap-x-4 text-sm">
      <p>
        <Link href={list?.href ?? "/prospek"} className={link}>
          Prospek
        </Link>{" "}
        <span aria-hidden="true">/</span> <span aria-current="page">{leadName}</span>
      </p>
      {around && (
        <p className="flex flex-wrap gap-x-4">
          {around.previous && (
            <Link href={around.previous.href} className={link} rel="prev">
              ‹ Sebelumnya<span className="sr-only">: {around.previous.name}</span>
            </Link>
          )}
          {around.next && (
            <Link href={around.next.href} className={link} rel="next">
              Berikutnya<span className="sr-only">: {around.next.name}</span> ›
            </Link>
          )}
        </p>
      )}
    </nav>
  );
}
