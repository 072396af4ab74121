import "server-only";
import type { PersonalKind, RevealedValues } from "@/lib/personal-data.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { DomainError } from "@/server/errors.ts";
import { loadLead } from "./get-lead-detail.ts";

export interface RevealPersonalDataOptions {
  businessId: bigint;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

/**
 * The clear personal values of ONE lead (the caller holds `personal_data.reveal`), keyed as the
 * page's masked values are. Audited as `personal_data.reveal` with which kinds of value and how
 * many — never the values. The audit write comes first: if it fails, nothing is revealed.
 */
export async function revealPersonalData({ businessId, scope, actor, context }: RevealPersonalDataOptions): Promise<RevealedValues> {
  const loaded = await loadLead(businessId, scope);
  if (!loaded) throw new DomainError("Prospek tidak ditemukan.");
  const kinds = new Map<PersonalKind, number>();
  for (const { kind } of loaded.personal.values()) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  await recordAuditEvent({
    action: "personal_data.reveal",
    actor,
    context,
    objectType: "business",
    objectId: loaded.detail.id,
    region: loaded.detail.regionCode ?? undefined,
    details: { fields: [...kinds.keys()].sort(), counts: Object.fromEntries([...kinds].map(([k, n]) => [`${k}Values`, n])) },
  });
  return Object.fromEntries([...loaded.personal].map(([key, { clear }]) => [key, clear]));
}
