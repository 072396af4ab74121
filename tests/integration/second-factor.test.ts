import { randomBytes } from "node:crypto";
import { generate } from "otplib";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment.ts";
import { disableOwnSecondFactor } from "@/server/auth/disable-own-second-factor.ts";
import { prepareTotpEnrolment } from "@/server/auth/prepare-totp-enrolment.ts";
import { openTotpSecret } from "@/server/auth/totp.ts";
import { loadActiveSession } from "@/server/auth/sessions.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { db } from "@/server/db/client.ts";
import { resetUserSecondFactor } from "@/server/users/reset-user-second-factor.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

beforeAll(() => {
  // Secrets are sealed with the secret box; tests bring a key of their own.
  process.env.JANGKAU_SECRET_KEY ||= randomBytes(32).toString("base64");
});

const PERIOD_S = 30;
/** An audit row as text (its id is a bigint), to check that no code or secret is in it. */
const asText = (row: unknown) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
/** The code an authenticator app shows `stepsFromNow` time steps away. */
const codeAt = (secret: string, stepsFromNow = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsFromNow * PERIOD_S });

const actionsOf = async (userId: string) =>
  (await db.auditEvent.findMany({ where: { OR: [{ actorId: userId }, { objectId: userId }] }, orderBy: { id: "asc" }, select: { action: true, reason: true, details: true } })).map(
    (e) => e.action,
  );

/** A user who went through enrolment; returns the plain secret (as their app holds it) and the recovery codes. */
async function enrolledUser(role: "ADMIN" | "OFFICER" = "ADMIN") {
  const user = await createTestUser({ role, prefix: "tfa" });
  const enrolment = await prepareTotpEnrolment(user.id);
  if (!enrolment) throw new Error("expected an enrolment");
  const secret = enrolment.secretForManualEntry.replace(/\s+/g, "");
  // The confirming code is of the previous step, so tests can sign in with the current one; it
  // must still be the previous step when it is checked, so not in a step's last seconds.
  const intoStep = (Date.now() / 1000) % PERIOD_S;
  if (intoStep > PERIOD_S - 5) await new Promise((resolve) => setTimeout(resolve, (PERIOD_S - intoStep + 0.2) * 1000));
  const { recoveryCodes } = await confirmTotpEnrolment({
    code: await codeAt(secret, -1),
    actor: { id: user.id, username: user.username, role: user.role },
    context: NO_CONTEXT,
  });
  return { user, secret, recoveryCodes };
}

describe("TOTP enrolment", () => {
  it("keeps the pending secret sealed, activates it only with a valid code, and never shows it again", async () => {
    const user = await createTestUser({ role: "ADMIN", prefix: "tfa" });
    const enrolment = await prepareTotpEnrolment(user.id);
    expect(enrolment?.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(enrolment?.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const secret = enrolment!.secretForManualEntry.replace(/\s+/g, "");
    // The same pending secret on a second visit (an app may already hold it).
    expect((await prepareTotpEnrolment(user.id))?.secretForManualEntry.replace(/\s+/g, "")).toBe(secret);

    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpPendingSecret).not.toContain(secret);
    expect(openTotpSecret(user.id, stored.totpPendingSecret!)).toBe(secret);
    expect(stored.totpSecret).toBeNull();

    const actor = { id: user.id, username: user.username, role: user.role };
    await expect(confirmTotpEnrolment({ code: "000000", actor, context: NO_CONTEXT })).rejects.toThrow(/Kode tidak cocok/);
    const { recoveryCodes } = await confirmTotpEnrolment({ code: await codeAt(secret), actor, context: NO_CONTEXT });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const enrolled = await db.user.findUniqueOrThrow({ where: { id: user.id }, include: { recoveryCodes: true } });
    expect(enrolled.totpSecret).not.toContain(secret);
    expect(enrolled.totpPendingSecret).toBeNull();
    expect(enrolled.totpEnabledAt).not.toBeNull();
    expect(enrolled.recoveryCodes.map((c) => c.codeHash.startsWith("$argon2id$"))).toEqual(Array(10).fill(true));
    expect(enrolled.recoveryCodes.some((c) => recoveryCodes.some((code) => c.codeHash.includes(code)))).toBe(false);
    // Once active, the secret is never handed out again.
    expect(await prepareTotpEnrolment(user.id)).toBeNull();

    const events = await db.auditEvent.findMany({ where: { objectId: user.id, action: "auth.totp_enrol" } });
    expect(events).toHaveLength(1);
    expect(asText(events[0])).not.toContain(secret);
  });
});

describe("sign-in with a second factor", () => {
  it("a correct password without a code asks for the code and creates no session", async () => {
    const { user } = await enrolledUser();
    const sessionsBefore = await db.authSession.count({ where: { userId: user.id } });
    const result = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
    expect(result).toEqual({ ok: false, codeRequired: true });
    expect(await db.authSession.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    // A wrong password is not told apart by the code step.
    expect(await signInWithPassword({ username: user.username, password: "salah-sekali-123456", context: NO_CONTEXT })).toEqual({ ok: false });
  });

  it("signs in with the current code and refuses the same code again (replay), counting it as a failure", async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret);
    const first = await signInWithPassword({ username: user.username, password: user.password, code, context: NO_CONTEXT });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(await loadActiveSession(first.sessionId, NO_CONTEXT)).toMatchObject({ userId: user.id, secondFactorEnabled: true });

    const replay = await signInWithPassword({ username: user.username, password: user.password, code, context: NO_CONTEXT });
    expect(replay).toEqual({ ok: false });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedLogins).toBe(1);
    const failure = await db.auditEvent.findFirst({ where: { actorId: user.id, action: "auth.sign_in_failed" }, orderBy: { id: "desc" } });
    expect(failure?.reason).toBe("wrong_code");
    expect(asText(failure)).not.toContain(code);
  });

  it("locks the account after five wrong codes; the right code is then refused", async () => {
    const { user, secret } = await enrolledUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signInWithPassword({ username: user.username, password: user.password, code: "000000", context: NO_CONTEXT })).ok).toBe(false);
    }
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await actionsOf(user.id)).toContain("auth.lockout");
    const right = await signInWithPassword({ username: user.username, password: user.password, code: await codeAt(secret), context: NO_CONTEXT });
    expect(right).toEqual({ ok: false });
  });

  it("accepts each recovery code once, and audits its use", async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const code = recoveryCodes[3]!;
    const first = await signInWithPassword({ username: user.username, password: user.password, code: code.toUpperCase(), context: NO_CONTEXT });
    expect(first.ok).toBe(true);
    const again = await signInWithPassword({ username: user.username, password: user.password, code, context: NO_CONTEXT });
    expect(again).toEqual({ ok: false });
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
    const used = await db.auditEvent.findFirst({ where: { objectId: user.id, action: "auth.recovery_code_used" } });
    expect(used?.details).toEqual({ remainingRecoveryCodes: 9 });
    expect(asText(used)).not.toContain(code);
  });
});

describe("admin reset of another user's factor", () => {
  it("removes the factor and the recovery codes, ends the user's sessions and is audited", async () => {
    const { user, secret } = await enrolledUser();
    const signedIn = await signInWithPassword({ username: user.username, password: user.password, code: await codeAt(secret), context: NO_CONTEXT });
    if (!signedIn.ok) throw new Error("sign-in failed");
    const admin = await createTestUser({ role: "ADMIN", prefix: "tfa-admin" });

    await resetUserSecondFactor({ input: { userId: user.id }, actor: { id: admin.id, username: admin.username, role: "ADMIN" }, context: NO_CONTEXT });

    expect(await loadActiveSession(signedIn.sessionId, NO_CONTEXT)).toBeNull();
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.totpSecret, after.totpEnabledAt]).toEqual([null, null]);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    const event = await db.auditEvent.findFirst({ where: { objectId: user.id, action: "user.totp_reset" } });
    expect(event).toMatchObject({ actorId: admin.id, details: { endedSessions: 1 } });
    // The password alone signs in again; the guard then sends this admin to enrolment.
    expect((await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT })).ok).toBe(true);
  });

  it("refuses an admin resetting their own factor", async () => {
    const { user } = await enrolledUser();
    await expect(
      resetUserSecondFactor({ input: { userId: user.id }, actor: { id: user.id, username: user.username, role: "ADMIN" }, context: NO_CONTEXT }),
    ).rejects.toThrow(/admin lain/);
  });
});

describe("switching one's own factor off", () => {
  it("is for the roles where it is optional, after a recent identity confirmation, and audited", async () => {
    const { user } = await enrolledUser("OFFICER");
    const actor = { id: user.id, username: user.username, role: user.role };
    await expect(disableOwnSecondFactor({ actor, session: { reauthenticatedAt: new Date(Date.now() - 10 * 60_000) }, context: NO_CONTEXT })).rejects.toThrow(
      /konfirmasi identitas/,
    );
    await disableOwnSecondFactor({ actor, session: { reauthenticatedAt: new Date() }, context: NO_CONTEXT });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret).toBeNull();
    expect(await actionsOf(user.id)).toContain("auth.totp_disable");

    const { user: admin } = await enrolledUser("ADMIN");
    await expect(
      disableOwnSecondFactor({ actor: { id: admin.id, username: admin.username, role: "ADMIN" }, session: { reauthenticatedAt: new Date() }, context: NO_CONTEXT }),
    ).rejects.toThrow(/Admin wajib/);
  });
});

describe("lockout and open sessions", () => {
  it("failed sign-ins elsewhere lock the account but do not sign its owner out", async () => {
    const user = await createTestUser({ prefix: "tfa" });
    const own = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
    if (!own.ok) throw new Error("sign-in failed");
    for (let attempt = 0; attempt < 5; attempt++) {
      await signInWithPassword({ username: user.username, password: `salah-${attempt}-xxxxxxxx`, context: NO_CONTEXT });
    }
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await loadActiveSession(own.sessionId, NO_CONTEXT)).not.toBeNull();
  });
});
