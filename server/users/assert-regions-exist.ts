import "server-only";
import type { Tx } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";

/** Users are scoped to provinces or regencies/cities that exist in the Kemendagri table. */
export async function assertAssignableRegions(tx: Tx, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await tx.region.findMany({
    where: { code: { in: [...codes] }, level: { in: ["PROVINCE", "REGENCY"] } },
    select: { code: true },
  });
  const missing = codes.filter((code) => !found.some((r) => r.code === code));
  if (missing.length) {
    throw new DomainError(`Wilayah tidak dikenal: ${missing.join(", ")}.`, "regionCodes");
  }
}
