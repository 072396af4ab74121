import "server-only";
import { describeLeadFilter, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { identifierSearch } from "@/lib/leads/lead-url-state.ts";
import { maskIfPersonal, personalKindOf } from "@/lib/personal-data.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import type { Authorized } from "@/server/access/guard.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { resolveLeadSearch } from "./lead-search-token.ts";

/**
 * The `lead.search` event of any door that answers a lead filter with a search text: the list,
 * and the counts before an export or a bulk assignment. The text may be an NPWP that is someone's
 * NIK, and even a count says whether it exists in the caller's regions. Plain filtering is not
 * audited (docs/security.md, "Audit trail"). The event says what kind of search it was and carries the
 * text masked by the one rule (lib/personal-data.ts): "search by NIK 3273••••••••0001", never the
 * NIK itself, and no path or query string.
 */
export async function auditLeadSearch(filter: LeadFilter, actor: AuditActor, context: RequestContext): Promise<void> {
  if (!filter.q) return;
  const kind = personalKindOf(filter.q) ?? identifierSearch(filter.q)?.kind ?? "name";
  await recordAuditEvent({
    action: "lead.search",
    actor,
    context,
    objectType: "lead",
    details: { searchKind: kind, filter: describeLeadFilter({ ...filter, q: maskIfPersonal(filter.q), qToken: undefined }) },
  });
}

/**
 * What every door that takes a lead filter from a URL does after the guard: the sealed search
 * opened for this user (lead-search-token.ts), and the search audited.
 */
export async function openLeadSearchFilter(
  filter: LeadFilter,
  { actor, auditActor, context }: Pick<Authorized, "actor" | "auditActor" | "context">,
): Promise<{ filter: LeadFilter; searchExpired: boolean }> {
  const resolved = resolveLeadSearch(filter, actor.userId);
  await auditLeadSearch(resolved.filter, auditActor, context);
  return resolved;
}
