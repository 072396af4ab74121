import { normalizeRegionCode } from "@/lib/region-code.ts";
import { requirePermission } from "@/server/access/guard.ts";
import { findScopedRegionChildren } from "@/server/regions/find-scoped-region-children.ts";
import { searchRegions } from "@/server/regions/search-regions.ts";

export const dynamic = "force-dynamic";

/**
 * GET /prospek/wilayah?induk=<code>: the regions one level below `induk` (the provinces without
 * it) that the caller's region scope reaches, for the lead filter's region cascade.
 * GET /prospek/wilayah?cari=<text>: regions inside the scope whose name or code matches.
 * JSON `{ regions: [{ code, name, level, parentCode }] }`; no personal data.
 */
export async function GET(request: Request): Promise<Response> {
  const { scope } = await requirePermission("leads.read");
  const params = new URL(request.url).searchParams;
  const headers = { "Cache-Control": "private, max-age=300" };
  const query = params.get("cari")?.trim();
  if (query) {
    if (scope.kind === "none") return Response.json({ regions: [] }, { headers });
    const found = await searchRegions({ query, within: scope.kind === "regions" ? scope.codes : undefined, limit: 20 });
    return Response.json({ regions: found.map(({ code, name, level, parentCode }) => ({ code, name, level, parentCode })) }, { headers });
  }
  const parent = params.get("induk");
  if (parent !== null && normalizeRegionCode(parent) === null) {
    return Response.json({ message: "Kode wilayah tidak valid." }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
  const regions = await findScopedRegionChildren({ parentCode: parent === null ? null : normalizeRegionCode(parent), scope });
  return Response.json({ regions }, { headers });
}
