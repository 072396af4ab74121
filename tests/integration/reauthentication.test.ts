import { randomBytes, randomUUID } from "node:crypto";
import { generate } from "otplib";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Authorized } from "@/server/access/guard.ts";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment.ts";
import { prepareTotpEnrolment } from "@/server/auth/prepare-totp-enrolment.ts";
import { hasRecentReauth, REAUTH_REQUIRED_MESSAGE, REAUTH_WINDOW_MS } from "@/server/auth/reauth-policy.ts";
import { reauthenticate } from "@/server/auth/reauthenticate.ts";
import { loadActiveSession } from "@/server/auth/sessions.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { updateUser } from "@/server/users/update-user.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

// The sensitive actions call the guard, which needs a Next request: tests stand in for it with a
// chosen session; everything after the guard is the real code.
const guard = vi.hoisted(() => ({ authorized: null as Authorized | null }));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async () => {
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

beforeAll(() => {
  process.env.JANGKAU_SECRET_KEY ||= randomBytes(32).toString("base64");
});
afterEach(() => {
  guard.authorized = null;
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

async function signedInAdmin() {
  const user = await createTestUser({ role: "ADMIN", prefix: "reauth" });
  const result = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
  if (!result.ok) throw new Error("sign-in failed");
  return { user, sessionId: result.sessionId };
}

/** Signs the stand-in guard in as `user`, with the session's last identity proof at `reauthenticatedAt`. */
function actAs(user: { id: string; username: string; name: string }, reauthenticatedAt: Date | null) {
  guard.authorized = {
    actor: {
      sessionId: randomUUID(),
      userId: user.id,
      username: user.username,
      name: user.name,
      role: "ADMIN",
      regionCodes: [],
      reauthenticatedAt,
      mustChangePassword: false,
      secondFactorEnabled: true,
    },
    scope: { kind: "all" },
    context: NO_CONTEXT,
    auditActor: { id: user.id, username: user.username, role: "ADMIN" },
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("Konfirmasi identitas", () => {
  it("counts for 5 minutes", () => {
    expect(REAUTH_WINDOW_MS).toBe(5 * 60_000);
    expect(hasRecentReauth(minutesAgo(4.9))).toBe(true);
    expect(hasRecentReauth(minutesAgo(5.1))).toBe(false);
    expect(hasRecentReauth(null)).toBe(false);
  });

  it("records the time on the session row with the password, and audits success and failure", async () => {
    const { user, sessionId } = await signedInAdmin();
    await db.authSession.update({ where: { id: sessionId }, data: { reauthenticatedAt: minutesAgo(30) } });

    await expect(reauthenticate({ sessionId, secret: "bukan-kata-sandinya-1", context: NO_CONTEXT })).rejects.toThrow("Kata sandi atau kode salah.");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(1);
    expect(hasRecentReauth((await loadActiveSession(sessionId, NO_CONTEXT))!.reauthenticatedAt)).toBe(false);

    expect(await reauthenticate({ sessionId, secret: user.password, context: NO_CONTEXT })).toEqual({ method: "password" });
    expect(hasRecentReauth((await loadActiveSession(sessionId, NO_CONTEXT))!.reauthenticatedAt)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { actorId: user.id, action: { in: ["auth.reauth", "auth.reauth_failed"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["auth.reauth_failed", "FAILURE"],
      ["auth.reauth", "SUCCESS"],
    ]);
    expect(events[1]?.details).toEqual({ method: "password" });
  });

  it("accepts an authenticator code instead of the password", async () => {
    const { user, sessionId } = await signedInAdmin();
    const secret = (await prepareTotpEnrolment(user.id))!.secretForManualEntry.replace(/\s+/g, "");
    const previousStep = Math.floor(Date.now() / 1000) - 30;
    await confirmTotpEnrolment({ code: await generate({ secret, epoch: previousStep }), actor: { id: user.id, username: user.username, role: "ADMIN" }, context: NO_CONTEXT });
    expect(await reauthenticate({ sessionId, secret: await generate({ secret }), context: NO_CONTEXT })).toEqual({ method: "totp" });
  });

  it("five failures lock the account and end the session it was tried in", async () => {
    const { user, sessionId } = await signedInAdmin();
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect(reauthenticate({ sessionId, secret: `salah-${attempt}-xxxxxxxx`, context: NO_CONTEXT })).rejects.toBeInstanceOf(DomainError);
    }
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("sensitive actions refuse without a recent identity confirmation (server-side)", () => {
  it("role change", async () => {
    const admin = await createTestUser({ role: "ADMIN", prefix: "reauth" });
    const target = await createTestUser({ role: "AUDITOR", prefix: "reauth" });
    const change = (reauthenticatedAt: Date | null) =>
      updateUser({
        input: { userId: target.id, name: target.name, role: "ADMIN", regionCodes: [] },
        actor: { id: admin.id, username: admin.username, role: "ADMIN" },
        session: { reauthenticatedAt },
        context: NO_CONTEXT,
      });
    await expect(change(minutesAgo(6))).rejects.toThrow(REAUTH_REQUIRED_MESSAGE);
    expect((await db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("AUDITOR");
    // A rename alone is not sensitive.
    await expect(
      updateUser({
        input: { userId: target.id, name: "Nama Lain", role: "AUDITOR", regionCodes: [] },
        actor: { id: admin.id, username: admin.username, role: "ADMIN" },
        session: { reauthenticatedAt: null },
        context: NO_CONTEXT,
      }),
    ).resolves.toMatchObject({ name: "Nama Lain" });
    await expect(change(minutesAgo(1))).resolves.toMatchObject({ role: "ADMIN" });
  });

  it("partner API key: refused and nothing created after 5 minutes; created right after confirming", async () => {
    const { createPartnerApiKeyAction } = await import("@/app/(app)/impor/kunci-api/actions.ts");
    const admin = await createTestUser({ role: "ADMIN", prefix: "reauth" });
    const name = `kunci-${randomBytes(3).toString("hex")}`;

    actAs(admin, minutesAgo(6));
    const refused = await createPartnerApiKeyAction({ status: "idle" }, form({ partner: "ahu", name }));
    expect(refused).toMatchObject({ status: "error", message: REAUTH_REQUIRED_MESSAGE });
    expect(refused.result).toBeUndefined();
    expect(await db.partnerApiKey.count({ where: { name } })).toBe(0);

    actAs(admin, minutesAgo(1));
    const created = await createPartnerApiKeyAction({ status: "idle" }, form({ partner: "ahu", name }));
    expect(created.status).toBe("success");
    expect(await db.partnerApiKey.count({ where: { name } })).toBe(1);
  });

  it("SFTP credentials and balikan passwords: refused before anything is read or stored", async () => {
    const sftp = await import("@/app/(app)/impor/sftp/actions.ts");
    const balikan = await import("@/app/(app)/balikan/actions.ts");
    const admin = await createTestUser({ role: "ADMIN", prefix: "reauth" });
    actAs(admin, minutesAgo(6));
    const endpoint = {
      name: `sftp-${randomBytes(3).toString("hex")}`,
      host: "sftp.mitra.example",
      port: "22",
      username: "bpjs",
      authKind: "PASSWORD",
      password: "rahasia-mitra-123",
      hostKeySha256: `SHA256:${randomBytes(32).toString("base64").replace(/=+$/, "")}`,
      remoteDir: "/keluar",
      filePattern: "*.csv",
      source: "kemnaker-bu",
    };
    const answers = [
      await sftp.createSftpEndpointAction({ status: "idle" }, form(endpoint)),
      await sftp.updateSftpEndpointAction({ status: "idle" }, form({ ...endpoint, endpointId: randomUUID() })),
      await balikan.generateBalikanAction({ status: "idle" }, form({ partner: "ahu", period: "2025-S2" })),
      await balikan.checkBalikanPasswordAction({ status: "idle" }, form({ deliveryId: randomUUID(), password: "tebakan-saja" })),
    ];
    for (const answer of answers) expect(answer).toMatchObject({ status: "error", message: REAUTH_REQUIRED_MESSAGE });
    expect(await db.sftpEndpoint.count({ where: { name: endpoint.name } })).toBe(0);
  });
});
