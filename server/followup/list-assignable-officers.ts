import "server-only";
import { isWithin } from "@/lib/region-code.ts";
import type { RegionScope } from "@/server/access/region-scope.ts";
import { db } from "@/server/db/client.ts";

export interface AssignableOfficer {
  id: string;
  name: string;
  username: string;
  regionCodes: string[];
}

/**
 * Active officers whose regions overlap the caller's scope: those a supervisor may assign leads
 * to and filter the follow-up list by. (Whether an officer covers particular leads is checked
 * when assigning.)
 */
export async function listAssignableOfficers(scope: RegionScope): Promise<AssignableOfficer[]> {
  if (scope.kind === "none") return [];
  const officers = await db.user.findMany({
    where: { role: "OFFICER", active: true },
    select: { id: true, name: true, username: true, regions: { select: { regionCode: true } } },
    orderBy: { name: "asc" },
  });
  return officers
    .map((o) => ({ id: o.id, name: o.name, username: o.username, regionCodes: o.regions.map((r) => r.regionCode).sort() }))
    .filter(
      (o) =>
        scope.kind === "all" ||
        o.regionCodes.some((code) => scope.codes.some((allowed) => isWithin(code, allowed) || isWithin(allowed, code))),
    );
}
