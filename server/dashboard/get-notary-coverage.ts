import "server-only";
import type { NotaryCoverage, NotaryFigures } from "@/lib/dashboard/notary-table.ts";
import { readDb } from "@/server/db/read-db.ts";
import { SqlParams } from "@/server/leads/lead-query.ts";
import type { DashboardView } from "./get-coverage.ts";
import { dashboardViewCondition } from "./get-follow-up-progress.ts";

/**
 * The dashboard's notary figures, apart from the businesses' coverage (which never counts a
 * notary): the notaries of the view — inside the caller's scope and the view's region, by the
 * one scope rule — by JKN status, and how many of their leads an officer works. Counted live on
 * the notaries' own partial index: a few tens of thousands of rows nationally, not the million
 * businesses coverage_stat exists for. Notaries carry their work area's province and
 * regency/city only, so a drill-down into districts shows the total alone.
 */
export async function getNotaryCoverage(view: DashboardView): Promise<NotaryCoverage> {
  const params = new SqlParams();
  const rows = await (await readDb()).$queryRawUnsafe<({ province_code: string | null; regency_code: string | null } & NotaryFigures)[]>(
    `SELECT b.province_code, b.regency_code, count(*)::int AS total,
            count(*) FILTER (WHERE b.status = 'TERDAFTAR_AKTIF')::int AS active,
            count(*) FILTER (WHERE b.status = 'TERDAFTAR_NONAKTIF')::int AS inactive,
            count(*) FILTER (WHERE b.status = 'BELUM_TERDAFTAR')::int AS unregistered,
            count(f.assigned_to_id) FILTER (WHERE b.is_lead)::int AS assigned
     FROM business b LEFT JOIN lead_follow_up f ON f.business_id = b.id
     WHERE b.kind = 'NOTARIS' AND ${dashboardViewCondition(view, params)}
     GROUP BY b.province_code, b.regency_code`,
    ...params.values,
  );
  const sum = (picked: readonly NotaryFigures[]): NotaryFigures => ({
    total: picked.reduce((n, r) => n + r.total, 0),
    active: picked.reduce((n, r) => n + r.active, 0),
    inactive: picked.reduce((n, r) => n + r.inactive, 0),
    unregistered: picked.reduce((n, r) => n + r.unregistered, 0),
    assigned: picked.reduce((n, r) => n + r.assigned, 0),
  });
  const byUnit = view.units.every((u) => u.level === "PROVINCE" || u.level === "REGENCY") && view.units.length > 0;
  return {
    total: sum(rows),
    units: byUnit
      ? view.units.map((unit) => ({
          code: unit.code,
          name: unit.name,
          figures: sum(rows.filter((r) => r.province_code === unit.code || r.regency_code === unit.code)),
        }))
      : null,
  };
}
