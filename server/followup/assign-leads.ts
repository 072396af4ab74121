import "server-only";
import { describeLeadFilter, type LeadFilter } from "@/lib/leads/lead-filter.ts";
import { ASSIGN_MAX_LEADS } from "@/lib/leads/follow-up.ts";
import { BUSINESS_REGION_FIELDS, regionScopeFor, regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { appendAuditEvent, type AuditActor } from "@/server/audit/append-audit-event.ts";
import { db, type Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { LEAD_FROM, LEAD_SEARCH_SETTINGS, leadWhere } from "@/server/leads/lead-query.ts";
import { notifyUsers } from "@/server/notifications/notify-users.ts";
import { writeAssignment } from "./write-assignment.ts";
import { formatCount, formatLongDay } from "@/lib/format.ts";

/** Which leads: picked by id, or every lead the list's filter selects (leadWhere, inside the scope). */
export type AssignTarget = { kind: "ids"; businessIds: readonly bigint[] } | { kind: "filter"; filter: LeadFilter };

export interface AssignLeadsOptions {
  target: AssignTarget;
  officerId: string;
  /** YYYY-MM-DD */
  dueDate: string;
  /** The count the supervisor confirmed for a filter; the assignment stops when it changed. */
  expectedCount?: number;
  scope: RegionScope;
  actor: AuditActor;
  context: RequestContext;
}

export interface AssignLeadsResult {
  count: number;
  reopened: number;
  officerName: string;
}

/**
 * A supervisor (or admin) assigns leads to one officer with a due date. The leads must lie in the
 * assigner's region scope and the officer must be an active OFFICER whose regions cover every one
 * of them. Per lead: the follow-up is created or re-pointed (a closed lead is reopened at Baru)
 * and a system note joins its timeline; one `lead.assign` event with the count and the filter.
 * All in one transaction. At most ASSIGN_MAX_LEADS at a time.
 */
export async function assignLeads({ target, officerId, dueDate, expectedCount, scope, actor, context }: AssignLeadsOptions): Promise<AssignLeadsResult> {
  const officer = await db.user.findFirst({
    where: { id: officerId, role: "OFFICER", active: true },
    select: { id: true, name: true, username: true, regions: { select: { regionCode: true } } },
  });
  if (!officer) throw new DomainError("Petugas tidak ditemukan atau tidak aktif.", "officerId");
  const officerScope = regionScopeFor("OFFICER", officer.regions.map((r) => r.regionCode));

  return db.$transaction(
    async (tx) => {
      const found = await targetIds(tx, target, scope, actor.id);
      if (found.length > ASSIGN_MAX_LEADS) {
        throw new DomainError(
          `Filter ini memuat lebih dari ${formatCount(ASSIGN_MAX_LEADS)} prospek. Persempit filter (mis. per kecamatan atau status) lalu tugaskan bertahap.`,
        );
      }
      if (target.kind === "ids" && found.length < new Set(target.businessIds.map(String)).size) {
        throw new DomainError("Sebagian prospek tidak ditemukan atau berada di luar wilayah Anda.");
      }
      if (found.length === 0) throw new DomainError("Tidak ada prospek yang dapat ditugaskan pada filter ini.");
      if (expectedCount !== undefined && expectedCount !== found.length) {
        throw new DomainError(
          `Jumlah prospek pada filter berubah menjadi ${formatCount(found.length)} (sebelumnya ${formatCount(expectedCount)}). Periksa lagi, lalu konfirmasi.`,
        );
      }
      const ids = found.map((b) => b.id);
      // Counted inside, not NOT(inside): the scope's OR over nullable codes would be NULL, not false.
      const covered = await tx.business.count({ where: { AND: [{ id: { in: ids } }, regionScopeWhere(officerScope, BUSINESS_REGION_FIELDS)] } });
      const outside = ids.length - covered;
      if (outside > 0) {
        throw new DomainError(
          `${formatCount(outside)} prospek berada di luar wilayah ${officer.name}. Pilih petugas yang wilayahnya mencakup semua prospek, atau persempit filter.`,
          "officerId",
        );
      }

      const { reopened } = await writeAssignment(tx, { businessIds: ids, officer, dueDate, actor });
      const idList = ids.map(String);
      await appendAuditEvent(tx, {
        action: "lead.assign",
        actor,
        context,
        objectType: ids.length === 1 ? "business" : "lead_assignment",
        objectId: ids.length === 1 ? idList[0] : undefined,
        details: {
          count: ids.length,
          reopened,
          officer: officer.username,
          dueDate,
          ...(target.kind === "filter" ? { filter: describeLeadFilter(target.filter) } : { businessIds: idList.slice(0, 50) }),
        },
      });
      const single = ids.length === 1 ? await tx.business.findUnique({ where: { id: ids[0] }, select: { name: true } }) : null;
      await notifyUsers(tx, [officer.id], {
        kind: "LEAD_ASSIGNED",
        title: single ? `Prospek ditugaskan kepada Anda: ${single.name}` : `${formatCount(ids.length)} prospek ditugaskan kepada Anda`,
        body: `Tenggat ${formatLongDay(dueDate)}, oleh ${actor.username}.`,
        href: single ? `/prospek/${idList[0]}` : "/tindak-lanjut",
      });
      return { count: ids.length, reopened, officerName: officer.name };
    },
    { timeout: 30_000 },
  );
}

/** The target's business ids inside the scope, at most one past the cap (so the cap can be named). */
async function targetIds(tx: Tx, target: AssignTarget, scope: RegionScope, actorId: string | null): Promise<{ id: bigint }[]> {
  if (target.kind === "ids") {
    return tx.business.findMany({
      where: { AND: [{ id: { in: [...target.businessIds] } }, regionScopeWhere(scope, BUSINESS_REGION_FIELDS)] },
      select: { id: true },
      orderBy: { id: "asc" },
    });
  }
  const sql = leadWhere(target.filter, scope, actorId);
  await tx.$executeRawUnsafe(LEAD_SEARCH_SETTINGS);
  return tx.$queryRawUnsafe<{ id: bigint }[]>(
    `SELECT b.id FROM ${LEAD_FROM} WHERE ${sql.where} ORDER BY b.id LIMIT $${sql.values.length + 1}`,
    ...sql.values,
    ASSIGN_MAX_LEADS + 1,
  );
}

/** How many leads a filter would assign (for the confirmation), capped one past the limit. */
export async function countAssignableLeads(filter: LeadFilter, scope: RegionScope, actorId: string | null): Promise<{ count: number; overCap: boolean }> {
  const rows = await db.$transaction((tx) => targetIds(tx, { kind: "filter", filter }, scope, actorId));
  return { count: Math.min(rows.length, ASSIGN_MAX_LEADS), overCap: rows.length > ASSIGN_MAX_LEADS };
}
