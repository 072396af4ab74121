import "server-only";
import type { Role } from "@/lib/permissions.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { generatePassword } from "@/server/auth/passwords.ts";
import { db } from "@/server/db/client.ts";
import { dataDir } from "@/server/db/database.ts";
import { readOrCreateLocalSecret } from "@/server/startup/local-secrets.ts";
import { createUser } from "@/server/users/create-user.ts";

interface DemoUser {
  username: string;
  name: string;
  role: Role;
  regionCodes: string[];
  description: string;
}

/** Two officers in different regions, so region scope can be seen (and tested) at work. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: "admin", name: "Admin Jangkau", role: "ADMIN", regionCodes: [], description: "Admin — semua wilayah" },
  { username: "supervisor", name: "Sari Supervisor", role: "SUPERVISOR", regionCodes: ["32"], description: "Supervisor — Jawa Barat" },
  { username: "auditor", name: "Agus Auditor", role: "AUDITOR", regionCodes: [], description: "Auditor — jejak audit" },
  { username: "petugas", name: "Putri Petugas", role: "OFFICER", regionCodes: ["32.73"], description: "Petugas — Kota Bandung" },
  { username: "petugas2", name: "Bima Petugas", role: "OFFICER", regionCodes: ["35.78"], description: "Petugas — Kota Surabaya" },
];

/** The demo password: $JANGKAU_DEMO_PASSWORD, or one generated on first start and kept in the data folder. */
export function demoPassword(): string {
  return process.env.JANGKAU_DEMO_PASSWORD || readOrCreateLocalSecret(dataDir(), "demo-password", () => generatePassword(16));
}

/** Creates the demo accounts that do not exist yet; existing ones are left as they are. */
export async function seedDemo(options: { log?: (m: string) => void } = {}) {
  const password = demoPassword();
  const context = { ip: null, userAgent: null, requestId: null };
  let created = 0;
  for (const user of DEMO_USERS) {
    if (await db.user.findUnique({ where: { username: user.username }, select: { id: true } })) continue;
    await createUser({ input: { ...user, password }, actor: SYSTEM_ACTOR, context });
    created += 1;
  }
  if (created) options.log?.(`${created} akun demo dibuat.`);
  return { password, usernames: DEMO_USERS.map(({ username, description }) => ({ username, description })) };
}
