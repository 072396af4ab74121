import "server-only";
import type { Role } from "@/lib/permissions.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { generatePassword } from "@/server/auth/passwords.ts";
import { config } from "@/server/config.ts";
import { db } from "@/server/db/client.ts";
import { dataDir } from "@/server/db/database.ts";
import { readOrCreateLocalSecret } from "@/server/startup/local-secrets.ts";
import { appendAuditEvent } from "@/server/audit/append-audit-event.ts";
import { newTotpSecret, sealTotpSecret, totpUri } from "@/server/auth/totp.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
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
  return config().JANGKAU_DEMO_PASSWORD || readOrCreateLocalSecret(dataDir(), "demo-password", () => generatePassword(16));
}

/**
 * The demo admin's authenticator secret (admins must have a second factor):
 * $JANGKAU_DEMO_TOTP_SECRET (base32, the e2e suite sets one so it can compute codes), or one
 * generated on first start and kept in the data folder. For the demo only: it is printed.
 */
export function demoTotpSecret(): string {
  return config().JANGKAU_DEMO_TOTP_SECRET || readOrCreateLocalSecret(dataDir(), "demo-totp-secret", () => newTotpSecret());
}

/**
 * Creates the demo accounts that do not exist yet (existing ones are left as they are), and
 * enrols the demo admin's authenticator with the demo secret when it has none.
 */
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
  const totpSecret = demoTotpSecret();
  await enrolDemoAdmin(totpSecret, context);
  return {
    password,
    usernames: DEMO_USERS.map(({ username, description }) => ({ username, description })),
    admin: { username: "admin", totpSecret, totpUri: totpUri(totpSecret, "admin") },
  };
}

async function enrolDemoAdmin(secret: string, context: RequestContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const admin = await tx.user.findUnique({ where: { username: "admin" }, select: { id: true, totpSecret: true } });
    if (!admin || admin.totpSecret) return;
    await tx.user.update({ where: { id: admin.id }, data: { totpSecret: sealTotpSecret(admin.id, secret), totpEnabledAt: new Date() } });
    await appendAuditEvent(tx, { action: "auth.totp_enrol", actor: SYSTEM_ACTOR, objectType: "user", objectId: admin.id, details: { demo: true }, context });
  });
}

/** The lines `npm run demo` and `jangkau db seed-demo` print: who signs in, and how. */
export function demoSignInLines(demo: Awaited<ReturnType<typeof seedDemo>>): string[] {
  return [
    "  Akun demo (kata sandi sama untuk semua):",
    ...demo.usernames.map((u) => `    ${u.username.padEnd(11)} ${u.description}`),
    `  Kata sandi: ${demo.password}`,
    "",
    "  Admin wajib memakai autentikator (TOTP). KHUSUS DEMO — jangan pakai rahasia ini di tempat lain:",
    `    Rahasia TOTP admin: ${demo.admin.totpSecret}`,
    `    URI otpauth:        ${demo.admin.totpUri}`,
    "    Tambahkan ke aplikasi autentikator (mis. dengan `qrencode -t ansiutf8 '<URI>'`), lalu masukkan kodenya setelah kata sandi.",
  ];
}
