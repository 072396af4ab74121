import "server-only";
import type { PersonalKind, RevealedValues } from "@/lib/personal-data.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { recordAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db } from "@/server/db/client.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { DomainError } from "@/server/errors.ts";
import { loadLead } from "./get-lead-detail.ts";
import { SqlParams } from "./lead-query.ts";
import { businessWorkerWhere, WORKER_NIK_SQL, workerNikKey } from "./worker-query.ts";

export interface RevealPersonalDataOptions {
  businessId: bigint;
  /**
   * The Kemnaker workers whose NIKs the page shows (its current page of the workers table): only
   * those of this business are revealed, so a reveal shows what is on screen and no more.
   */
  workerIds?: readonly bigint[];
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

/** Workers one reveal may name: two pages of the workers table. */
export const REVEAL_MAX_WORKERS = 100;

/**
 * The clear personal values of ONE lead (the caller holds `personal_data.reveal`), keyed as the
 * page's masked values are: the business's own and its records', and the NIKs of the workers the
 * page lists. Audited as `personal_data.reveal` with which kinds of value and how many, and how
 * many workers — never the values. The audit write comes first: if it fails, nothing is revealed.
 */
export async function revealPersonalData({ businessId, workerIds = [], scope, actor, context }: RevealPersonalDataOptions): Promise<RevealedValues> {
  if (workerIds.length > REVEAL_MAX_WORKERS) throw new DomainError("Terlalu banyak pekerja sekaligus.");
  const loaded = await loadLead(businessId, scope);
  if (!loaded) throw new DomainError("Prospek tidak ditemukan.");
  const personal = new Map(loaded.personal);
  for (const worker of await workerNiks(businessId, workerIds, scope)) personal.set(workerNikKey(worker.id), { kind: "nik", clear: worker.nik });
  const kinds = new Map<PersonalKind, number>();
  for (const { kind } of personal.values()) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  await recordAuditEvent({
    action: "personal_data.reveal",
    actor,
    context,
    objectType: "business",
    objectId: loaded.detail.id,
    region: loaded.detail.regionCode ?? undefined,
    details: {
      fields: [...kinds.keys()].sort(),
      counts: Object.fromEntries([...kinds].map(([k, n]) => [`${k}Values`, n])),
      ...(workerIds.length > 0 && { workers: personal.size - loaded.personal.size }),
    },
  });
  return Object.fromEntries([...personal].map(([key, { clear }]) => [key, clear]));
}

/** The NIKs of the given workers of this business, through the business's region scope. */
async function workerNiks(businessId: bigint, workerIds: readonly bigint[], scope: RegionScope): Promise<{ id: string; nik: string }[]> {
  if (workerIds.length === 0) return [];
  const params = new SqlParams();
  const sql = businessWorkerWhere(businessId, scope, null, params);
  const ids = params.add(workerIds.map(String), "::bigint[]");
  return db.$queryRawUnsafe<{ id: string; nik: string }[]>(
    `SELECT w.source_record_id::text AS id, ${WORKER_NIK_SQL} AS nik FROM ${sql.from}
     WHERE ${sql.where} AND w.source_record_id = ANY(${ids}) AND ${WORKER_NIK_SQL} IS NOT NULL`,
    ...params.values,
  );
}
