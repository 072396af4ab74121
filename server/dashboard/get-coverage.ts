import "server-only";
import { ALL, BUSINESS_SOURCE_LABELS, dashboardHref, SOURCE_ROW_PREFIX, type Measure } from "@/lib/dashboard/coverage.ts";
import { isBusinessSource } from "@/lib/sources.ts";
import { COVERAGE_FIGURES, emptyByStatus, remainder, sumGroups, type CoverageGroup, type StatusFigures } from "@/lib/dashboard/coverage-table.ts";
import { BUSINESS_SCALE_LABELS, BUSINESS_SCALES, type BusinessScale } from "@/lib/identifiers/business-scale.ts";
import { isBusinessStatus } from "@/lib/leads/business-status.ts";
import { KBLI_SECTION_LETTERS, kbliSection } from "@/lib/leads/kbli-sections.ts";
import { isWithin, normalizeRegionCode, type RegionDto } from "@/lib/region-code.ts";
import { scopeIncludes, type RegionScope } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";
import { readDb } from "@/server/db/read-db.ts";
import { findRegionAncestors } from "@/server/regions/find-region-ancestors.ts";
import { findRegionChildren } from "@/server/regions/find-region-children.ts";

/**
 * The coverage dashboard's reads. Every figure comes from coverage_stat / coverage_trend
 * (precomputed by refresh-coverage.ts) for region codes this module derives from the caller's
 * scope: the top view reads the scope's own regions (all provinces for an admin), a drill-down
 * reads one region inside the scope and its children. A region outside the scope resolves to
 * null, which the page and the download turn into "not found".
 */

/** Where the dashboard stands: the top of the caller's scope, or one region inside it. */
export interface DashboardView {
  /** Null at the top. */
  region: RegionDto | null;
  /** From the top down to the region; `href` null where the caller may not go (outside the scope). */
  breadcrumbs: { name: string; code: string | null; href: string | null }[];
  /** The regions the region chart compares: the region's children, or the scope's regions at the top. */
  units: RegionDto[];
  /** Heading word for `units`. */
  unitLabel: string;
  /** The codes whose rows add up to the view's total. */
  totalCodes: string[];
  /** Provinces whose trend adds up to the view's, or null when the view is below a province. */
  trendProvinces: string[] | null;
  /** The scope and the view's own region, for the live follow-up reads. */
  scope: RegionScope;
}

const UNIT_LABELS = { PROVINCE: "Provinsi", REGENCY: "Kabupaten/Kota", DISTRICT: "Kecamatan", VILLAGE: "Kelurahan/Desa" } as const;
/** Businesses with no code at some level: the region chart shows them as one more bar. */
const UNKNOWN_REGION_CODE = "";
const UNKNOWN_LABELS = { PROVINCE: "Wilayah tidak diketahui", REGENCY: "Tanpa kabupaten/kota", DISTRICT: "Tanpa kecamatan" } as const;

/**
 * The view for `wilayah` (null: the top) inside `scope`, or null when the code is malformed,
 * unknown, a village (no figures that deep) or outside the scope.
 */
export async function resolveDashboardView(scope: RegionScope, wilayah: string | null): Promise<DashboardView | null> {
  if (scope.kind === "none") return null;
  // Overlapping codes (a province and a regency in it) would count businesses twice.
  const scopeCodes = scope.kind === "regions" ? scope.codes.filter((code) => !scope.codes.some((other) => other !== code && isWithin(code, other))) : [];
  // A supervisor of one region starts inside it (a province's regencies): a top level of one bar
  // says nothing, and leads nowhere but into that region.
  // (Not a village: the dashboard has no figures that deep.)
  const oneRegion = scopeCodes.length === 1 && scopeCodes[0]!.split(".").length < 4 ? scopeCodes[0]! : null;
  if (wilayah === null && oneRegion !== null) wilayah = oneRegion;
  const top = oneRegion !== null ? null : { name: scope.kind === "all" ? "Semua wilayah" : "Wilayah saya", code: null, href: dashboardHref({}) };
  if (wilayah === null) {
    if (scope.kind === "all") {
      const provinces = await findRegionChildren({ parentCode: null });
      const codes = [...provinces.map((p) => p.code), UNKNOWN_REGION_CODE];
      return { region: null, breadcrumbs: [top!], units: provinces, unitLabel: "Provinsi", totalCodes: codes, trendProvinces: codes, scope };
    }
    const codes = scopeCodes;
    const units = await db.region.findMany({ where: { code: { in: codes } }, select: { code: true, name: true, level: true, parentCode: true }, orderBy: { code: "asc" } });
    const levels = new Set(units.map((u) => u.level));
    return {
      region: null,
      breadcrumbs: [top!],
      units,
      unitLabel: levels.size === 1 ? UNIT_LABELS[units[0]!.level] : "Wilayah",
      totalCodes: units.map((u) => u.code),
      trendProvinces: units.every((u) => u.level === "PROVINCE") ? units.map((u) => u.code) : null,
      scope,
    };
  }
  const code = normalizeRegionCode(wilayah);
  if (code === null || !scopeIncludes(scope, code)) return null;
  const path = await findRegionAncestors({ code });
  const region = path.at(-1);
  if (!region || region.level === "VILLAGE") return null;
  const units = region.level === "DISTRICT" ? [] : await findRegionChildren({ parentCode: region.code });
  return {
    region,
    breadcrumbs: [
      ...(top ? [top] : []),
      ...path.map((r) => ({ name: r.name, code: r.code, href: scopeIncludes(scope, r.code) ? dashboardHref({ wilayah: r.code }) : null })),
    ],
    units,
    unitLabel: region.level === "PROVINCE" ? UNIT_LABELS.REGENCY : UNIT_LABELS.DISTRICT,
    totalCodes: [region.code],
    trendProvinces: region.level === "PROVINCE" ? [region.code] : null,
    scope,
  };
}

type StatRow = { key: string | null; status: string; businesses: number } & Record<(typeof COVERAGE_FIGURES)[number]["stat"], bigint | number>;

const FIGURES_SQL = `sum(businesses)::int AS businesses, ${COVERAGE_FIGURES.map(({ stat }) => `sum(${stat}) AS ${stat}`).join(", ")}`;

function groupRows(rows: readonly StatRow[]): Map<string | null, Record<string, StatusFigures>> {
  const groups = new Map<string | null, Record<string, StatusFigures>>();
  for (const row of rows) {
    if (!isBusinessStatus(row.status)) continue;
    let byStatus = groups.get(row.key);
    if (!byStatus) groups.set(row.key, (byStatus = emptyByStatus()));
    byStatus[row.status] = {
      businesses: Number(row.businesses),
      ...(Object.fromEntries(COVERAGE_FIGURES.map(({ key, stat }) => [key, Number(row[stat])])) as Omit<StatusFigures, "businesses">),
    };
  }
  return groups;
}

export interface RegionCoverage {
  /** The view's total. */
  total: CoverageGroup;
  /** One group per unit (zero when it has no business), plus the businesses no unit holds. */
  units: CoverageGroup[];
}

/** The view's total and its units' figures, per status. */
export async function getRegionCoverage(view: DashboardView, measure: Measure = "badan-usaha"): Promise<RegionCoverage> {
  const unitCodes = view.units.map((u) => u.code);
  const rows = await (await readDb()).$queryRawUnsafe<StatRow[]>(
    `SELECT region_code AS key, status::text AS status, ${FIGURES_SQL} FROM coverage_stat
     WHERE business_scale = '${ALL}' AND kbli_section = '${ALL}' AND region_code = ANY($1::text[])
     GROUP BY region_code, status`,
    [[...new Set([...unitCodes, ...view.totalCodes])]],
  );
  const groups = groupRows(rows);
  const group = (code: string, label: string, href: string | null): CoverageGroup => ({ key: code, label, href, byStatus: groups.get(code) ?? emptyByStatus() });
  const childLevel = view.region === null ? null : view.region.level;
  const units = view.units.map((u) =>
    group(u.code, u.name, u.level === "VILLAGE" ? null : dashboardHref({ wilayah: u.code, ukuran: measure })),
  );
  const total =
    view.region === null
      ? sumGroups("", view.breadcrumbs[0]!.name, view.totalCodes.map((c) => group(c, c, null)))
      : group(view.region.code, view.region.name, null);
  const unknownLabel = childLevel === null ? UNKNOWN_LABELS.PROVINCE : childLevel === "PROVINCE" ? UNKNOWN_LABELS.REGENCY : UNKNOWN_LABELS.DISTRICT;
  const rest = units.length > 0 ? remainder(UNKNOWN_REGION_CODE, unknownLabel, total, units) : null;
  return { total, units: rest ? [...units, rest] : units };
}

export interface CoverageBreakdowns {
  scale: CoverageGroup[];
  kbli: CoverageGroup[];
  source: CoverageGroup[];
}

/** Per skala usaha, KBLI section and partner source, for the view's total (empty for a district). */
export async function getCoverageBreakdowns(view: DashboardView): Promise<CoverageBreakdowns> {
  const rows = await (await readDb()).$queryRawUnsafe<(StatRow & { scale: string | null; section: string | null })[]>(
    `SELECT business_scale AS scale, kbli_section AS section, status::text AS status, ${FIGURES_SQL} FROM coverage_stat
     WHERE region_code = ANY($1::text[]) AND (business_scale IS DISTINCT FROM '${ALL}' OR kbli_section IS DISTINCT FROM '${ALL}')
     GROUP BY business_scale, kbli_section, status`,
    [view.totalCodes],
  );
  const pick = (kind: "scale" | "kbli" | "source") =>
    groupRows(
      rows.flatMap((r) => {
        const isSource = r.scale?.startsWith(SOURCE_ROW_PREFIX) ?? false;
        if (kind === "source") return isSource ? [{ ...r, key: r.scale!.slice(SOURCE_ROW_PREFIX.length) }] : [];
        if (isSource) return [];
        if (kind === "scale") return r.section === ALL && r.scale !== ALL ? [{ ...r, key: r.scale }] : [];
        return r.scale === ALL && r.section !== ALL ? [{ ...r, key: r.section }] : [];
      }),
    );
  const ordered = (groups: Map<string | null, Record<string, StatusFigures>>, keys: readonly (string | null)[], label: (key: string | null) => string) =>
    keys.filter((key) => groups.has(key)).map((key) => ({ key: key ?? "", label: label(key), byStatus: groups.get(key)! as CoverageGroup["byStatus"] }));
  const scales = pick("scale");
  const sections = pick("kbli");
  const sources = pick("source");
  return {
    scale: ordered(scales, [...BUSINESS_SCALES, null], (key) => (key === null ? "Tidak diketahui" : (BUSINESS_SCALE_LABELS[key as BusinessScale] ?? key))),
    kbli: ordered(sections, [...KBLI_SECTION_LETTERS, null], (key) =>
      key === null ? "Tidak diketahui" : `${key} — ${kbliSection(key)?.label ?? ""}`,
    ),
    source: ordered(
      sources,
      [...sources.keys()].sort(),
      (key) => (key !== null && isBusinessSource(key) ? BUSINESS_SOURCE_LABELS[key] : (key ?? "")),
    ),
  };
}

export interface TrendPoint {
  period: string;
  byStatus: Record<string, { businesses: number; workers: number }>;
}

/** Businesses and workers per status per delivery period, or null when the view is below a province. */
export async function getCoverageTrend(view: DashboardView): Promise<TrendPoint[] | null> {
  if (view.trendProvinces === null) return null;
  const rows = await (await readDb()).$queryRawUnsafe<{ period: string; status: string; businesses: number; workers: bigint }[]>(
    `SELECT period, status::text AS status, sum(businesses)::int AS businesses, sum(workers) AS workers FROM coverage_trend
     WHERE province_code = ANY($1::text[]) GROUP BY period, status ORDER BY period`,
    [view.trendProvinces],
  );
  const points = new Map<string, TrendPoint>();
  for (const row of rows) {
    let point = points.get(row.period);
    if (!point) points.set(row.period, (point = { period: row.period, byStatus: {} }));
    point.byStatus[row.status] = { businesses: Number(row.businesses), workers: Number(row.workers) };
  }
  return [...points.values()];
}
