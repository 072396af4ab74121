import "server-only";
import { ancestorCodesOf } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
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
                { regionCode: { in: [...new Set(scope.codes.flatMap(ancestorCodesOf))] } },
                ...scope.codes.map((code) => ({ regionCode: { startsWith: `${code}.` } })),
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
