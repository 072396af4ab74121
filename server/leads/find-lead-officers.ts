import "server-only";
import { ancestorCodesOf } from "@/lib/region-code.ts";
import { regionScopeWhere, type RegionScope } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";

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
  // The overlap is part of the query: an officer region inside a scope code, or containing it.
  const overlap =
    scope.kind === "all"
      ? {}
      : {
          regions: {
            some: {
              OR: [
                // Containing a scope code (the officer's province holds the caller's regency)…
                { regionCode: { in: [...new Set(scope.codes.flatMap(ancestorCodesOf))] } },
                // …or inside the scope, by the one region-scope rule.
                regionScopeWhere(scope, { code: "regionCode" }),
              ],
            },
          },
        };
  const users = await db.user.findMany({
    where: { role: "OFFICER", active: true, ...overlap },
    select: { id: true, name: true, username: true, regions: { select: { regionCode: true } } },
    orderBy: [{ name: "asc" }, { username: "asc" }],
  });
  return users.map(({ id, name, username, regions }) => ({ id, name, username, regionCodes: regions.map((r) => r.regionCode).sort() }));
}
