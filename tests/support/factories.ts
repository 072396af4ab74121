import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/permissions.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import type { Prisma } from "@/server/db/client.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createUser } from "@/server/users/create-user.ts";

export const TEST_PASSWORD = "kata-sandi-uji-123";
export const NO_CONTEXT = { ip: "127.0.0.1", userAgent: "vitest", requestId: null };

/** A fresh user with a unique name, so test files can run in parallel on one database. */
export async function createTestUser(options: { role?: Role; regionCodes?: string[]; password?: string; prefix?: string } = {}) {
  const role = options.role ?? "OFFICER";
  const username = `${options.prefix ?? "uji"}-${randomUUID().slice(0, 8)}`;
  const regionCodes = options.regionCodes ?? (role === "OFFICER" || role === "SUPERVISOR" ? ["32.73"] : []);
  // Users are scoped to real regions; the loader is idempotent and quick once loaded.
  if (regionCodes.length) await ensureRegionsLoaded();
  const user = await createUser({
    input: { username, name: `Pengguna ${username}`, role, regionCodes, password: options.password ?? TEST_PASSWORD },
    actor: SYSTEM_ACTOR,
    context: NO_CONTEXT,
  });
  return { ...user, password: options.password ?? TEST_PASSWORD };
}

/** A business row for tests that fill the business table directly (their own database). */
export function businessRow(id: number, fields: Partial<Prisma.BusinessCreateManyInput>): Prisma.BusinessCreateManyInput {
  return {
    id: BigInt(id),
    name: `Usaha ${id}`,
    nameCore: `USAHA ${id}`,
    status: "BELUM_TERDAFTAR",
    isLead: fields.status !== "TERDAFTAR_AKTIF",
    priority: 50,
    sources: ["kemnaker-bu"],
    latestPeriod: "2025-S2",
    recordCount: 1,
    matchRunId: 1,
    ...fields,
  };
}
