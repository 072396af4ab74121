"use client";

import { useEffect } from "react";
import { rememberLeadList, type RememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";

/**
 * Keeps the list on screen as the user's last lead list (see remembered-lead-list.ts). `leads`
 * may be the table's own rows: the page passes the very array the table gets, which the RSC
 * payload then carries once, and only their id and name are kept.
 */
export function RememberLeadList({ userId, list }: { userId: string; list: Omit<RememberedLeadList, "leads"> & { leads: readonly { id: string; name: string }[] } }) {
  const serialized = JSON.stringify({ ...list, leads: list.leads.map(({ id, name }) => ({ id, name })) });
  useEffect(() => {
    rememberLeadList(userId, JSON.parse(serialized) as RememberedLeadList);
  }, [userId, serialized]);
  return null;
}
