"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { changeLeadListState, leadListHref, type LeadListState, type LeadListStateChange } from "@/lib/leads/lead-url-state.ts";

/**
 * Every change to the lead list is a navigation: the new state goes into the URL and the server
 * renders the page for it. `pending` is true until that page arrives.
 */
export function useLeadNavigation(state: LeadListState) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  /** `optimistic` runs inside the transition: the place for a useOptimistic setter. */
  const go = (change: LeadListStateChange, optimistic?: () => void) => {
    const href = leadListHref(changeLeadListState(state, change));
    startTransition(() => {
      optimistic?.();
      router.push(href, { scroll: false });
    });
  };
  return { pending, go };
}
