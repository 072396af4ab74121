import "server-only";
import { ancestorCodesOf } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { db, Prisma } from "@/server/db/client.ts";

export interface LeadOfficer {
  id: string;
  name: string;
  username: string;
  /** Their regions, so an assigner can tell which officer covers which leads. */
  regionCodes: string[];
}

/**
 * Officers a lead list can be filtered by, and leads assigned to: active petugas whose regions overlap the caller's
 * scope (inside it, or containing it), by name. None for a scope of none.
 */
export async function findLeadOfficers({ scope }: { scope: RegionScope }): Promise<LeadOfficer[]> {
  if (scope.kind === "none") return [];
  // One query with the regions aggregated: Prisma's nested select would send a second one, and
  // this runs on every lead list and lead page.
  const overlap =
    scope.kind === "all"
      ? Prisma.sql`TRUE`
      : Prisma.sql`EXISTS (SELECT 1 FROM user_region o WHERE o.user_id = u.id AND (o.region_code = ANY(${[...new Set(scope.codes.flatMap(ancestorCodesOf))]}::text[])
          OR EXISTS (SELECT 1 FROM unnest(${scope.codes.map((code) => `${code}.`)}::text[]) AS inside(prefix) WHERE starts_with(o.region_code, inside.prefix))))`;
  const users = await db.$queryRaw<{ id: string; name: string; username: string; region_codes: string[] }[]>`
    SELECT u.id::text AS id, u.name, u.username,
      coalesce(array_agg(r.region_code) FILTER (WHERE r.region_code IS NOT NULL), '{}') AS region_codes
    FROM app_user u LEFT JOIN user_region r ON r.user_id = u.id
    WHERE u.role = 'OFFICER' AND u.active AND ${overlap}
    GROUP BY u.id
    ORDER BY u.name ASC, u.username ASC`;
  return users.map(({ id, name, username, region_codes }) => ({ id, name, username, regionCodes: region_codes.sort() }));
}
