import "server-only";
import { isRegionScoped, type Role } from "@/lib/permissions.ts";
import { isWithin } from "@/lib/region-code.ts";

/**
 * Which regions' data a user may see. ADMIN sees everything; OFFICER and SUPERVISOR see only
 * their assigned province or regency/city codes (and everything below them); AUDITOR reads
 * no business data at all.
 */
export type RegionScope = { kind: "all" } | { kind: "regions"; codes: readonly string[] } | { kind: "none" };

export function regionScopeFor(role: Role, regionCodes: readonly string[]): RegionScope {
  if (role === "ADMIN") return { kind: "all" };
  if (isRegionScoped(role)) return regionCodes.length ? { kind: "regions", codes: regionCodes } : { kind: "none" };
  return { kind: "none" };
}

/** True when a region code (any level) lies inside the scope. */
export function scopeIncludes(scope: RegionScope, code: string | null | undefined): boolean {
  if (scope.kind === "all") return true;
  if (scope.kind === "none" || !code) return false;
  return scope.codes.some((allowed) => isWithin(code, allowed));
}

/**
 * The region part of a Prisma `where` for a column holding a dotted region code (e.g. a
 * business's village code). Every data query, aggregate and export builds its scope here, so
 * a lookup of another region's record simply finds nothing.
 */
export function regionWhere<F extends string>(scope: RegionScope, field: F) {
  if (scope.kind === "all") return {};
  if (scope.kind === "none") return { [field]: { in: [] as string[] } };
  return {
    OR: scope.codes.flatMap((code) => [{ [field]: code }, { [field]: { startsWith: `${code}.` } }]),
  };
}
