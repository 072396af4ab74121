"use client";

import { useEffect } from "react";
import { rememberLeadList, type RememberedLeadList } from "@/lib/leads/remembered-lead-list.ts";

/** Keeps the list on screen as the user's last lead list (see remembered-lead-list.ts). */
export function RememberLeadList({ userId, list }: { userId: string; list: RememberedLeadList }) {
  const serialized = JSON.stringify(list);
  useEffect(() => {
    rememberLeadList(userId, JSON.parse(serialized) as RememberedLeadList);
  }, [userId, serialized]);
  return null;
}
