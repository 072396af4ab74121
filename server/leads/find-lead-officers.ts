import "server-only";
import { ancestorCodesOf } from "@/lib/region-code.ts";
import { regionScopeSql, type RegionScope } from "@/server/access/region-scope.ts";
import { dbPool } from "@/server/db/client.ts";
import { SqlParams } from "./lead-query.ts";

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
  // The lead list, a lead page and Tindak Lanjut ask this on every view: one statement on the
  // pool, where Prisma sent two (users, then their regions) and did its own work for each.
  const params = new SqlParams();
  // The overlap is part of the query: an officer region containing a scope code (the officer's
  // province holds the caller's regency), or inside the scope by the one region-scope rule.
  const overlap =
    scope.kind === "all"
      ? "TRUE"
      : `EXISTS (SELECT 1 FROM user_region r WHERE r.user_id = u.id AND (r.region_code = ANY(${params.add([...new Set(scope.codes.flatMap(ancestorCodesOf))], "::text[]")})
          OR ${regionScopeSql(scope, { code: "r.region_code" }, params)}))`;
  const { rows } = await dbPool().query<{ id: string; name: string; username: string; region_codes: string[] }>(
    `SELECT u.id::text AS id, u.name, u.username, array(SELECT r.region_code FROM user_region r WHERE r.user_id = u.id)::text[] AS region_codes
     FROM app_user u WHERE u.role = 'OFFICER' AND u.active AND ${overlap}
     ORDER BY u.name, u.username`,
    params.values,
  );
  return rows.map(({ id, name, username, region_codes }) => ({ id, name, username, regionCodes: region_codes.sort() }));
}
