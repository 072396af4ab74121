import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/permissions.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
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
