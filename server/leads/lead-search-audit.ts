import "server-only";
import { describeLeadFilter, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import type { GuardOptions } from "@/server/access/guard.ts";

/**
 * The `lead.search` event of any door that answers a lead filter with a search text: the list,
 * and the counts before an export or a bulk assignment. The text may be an NPWP that is someone's
 * NIK, and even a count says whether it exists in the caller's regions. Plain filtering is not
 * audited (README, "What is logged").
 */
export function leadSearchAuditView(filter: LeadFilter): GuardOptions["auditView"] {
  return filter.q ? { action: "lead.search", objectType: "lead", details: { filter: describeLeadFilter(filter) } } : undefined;
}
