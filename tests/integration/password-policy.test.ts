import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_LENGTH } from "@/lib/password-policy.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { changeOwnPassword } from "@/server/auth/change-own-password.ts";
import { judgePassword } from "@/server/auth/password-strength.ts";
import { loadActiveSession } from "@/server/auth/sessions.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { db } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import { createUser } from "@/server/users/create-user.ts";
import { resetUserPassword } from "@/server/users/reset-user-password.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

const owner = { username: "budi.santoso", name: "Budi Santoso" };

describe("password policy (zxcvbn with the Indonesian dictionary)", () => {
  it.each([
    ["a common password", "password1234"],
    ["an Indonesian common word with digits", "rahasia12345"],
    ["the product's name", "jangkau123456"],
    ["the insurer's name", "bpjskesehatan1"],
    ["the user name", "budi.santoso2024"],
    ["the user's own name", "BudiSantoso1990"],
    ["repeated characters", "aaaaaaaaaaaaaaaa"],
    ["a keyboard sequence", "qwertyuiop123"],
  ])("refuses %s, with feedback in Indonesian", async (_kind, password) => {
    const verdict = await judgePassword(password, owner);
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/^Kata sandi terlalu mudah ditebak\./);
  });

  it.each([["a passphrase", "kopi tubruk di lereng merapi"], ["a random string", "T7v-pQ2m-Xr9w-Lc4k"]])("accepts %s", async (_kind, password) => {
    expect((await judgePassword(password, owner)).ok).toBe(true);
  });

  it("is applied by user creation and the admin reset, on the password field", async () => {
    const refusal = createUser({
      input: { username: `lemah-${randomBytes(3).toString("hex")}`, name: "Lemah", role: "AUDITOR", regionCodes: [], password: "jangkau2026!" },
      actor: SYSTEM_ACTOR,
      context: NO_CONTEXT,
    });
    await expect(refusal).rejects.toBeInstanceOf(DomainError);
    await expect(refusal).rejects.toMatchObject({ field: "password" });

    const user = await createTestUser({ role: "AUDITOR" });
    await expect(resetUserPassword({ input: { userId: user.id, password: `${user.username}12345` }, actor: SYSTEM_ACTOR, context: NO_CONTEXT })).rejects.toThrow(
      /terlalu mudah ditebak/,
    );
  });

  it("has one maximum length, 128, everywhere", async () => {
    expect(MAX_PASSWORD_LENGTH).toBe(128);
    const long = "x".repeat(100) + randomBytes(20).toString("hex");
    await expect(
      createUser({ input: { username: `panjang-${randomBytes(3).toString("hex")}`, name: "P", role: "AUDITOR", regionCodes: [], password: long }, actor: SYSTEM_ACTOR, context: NO_CONTEXT }),
    ).rejects.toThrow(/maksimal 128/);
  });
});

describe("forced and self-service password change", () => {
  it("an admin's reset forces a change at the next sign-in; the change ends the other sessions and keeps this one", async () => {
    const user = await createTestUser({ role: "AUDITOR" });
    const other = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
    if (!other.ok) throw new Error("sign-in failed");

    const temporary = "Sementara-Dari-Admin-7391";
    await resetUserPassword({ input: { userId: user.id, password: temporary }, actor: SYSTEM_ACTOR, context: NO_CONTEXT });
    const here = await signInWithPassword({ username: user.username, password: temporary, context: NO_CONTEXT });
    const elsewhere = await signInWithPassword({ username: user.username, password: temporary, context: NO_CONTEXT });
    if (!here.ok || !elsewhere.ok) throw new Error("sign-in failed");
    expect(await loadActiveSession(here.sessionId, NO_CONTEXT)).toMatchObject({ mustChangePassword: true });

    const input = { currentPassword: temporary, newPassword: "lumbung padi di tepi sawah", confirmPassword: "lumbung padi di tepi sawah" };
    await expect(changeOwnPassword({ input: { ...input, currentPassword: "bukan-ini-ya-123" }, sessionId: here.sessionId, userId: user.id, context: NO_CONTEXT })).rejects.toThrow(
      "Kata sandi saat ini salah.",
    );
    await expect(
      changeOwnPassword({ input: { ...input, newPassword: "rahasia12345", confirmPassword: "rahasia12345" }, sessionId: here.sessionId, userId: user.id, context: NO_CONTEXT }),
    ).rejects.toThrow(/terlalu mudah ditebak/);

    expect(await changeOwnPassword({ input, sessionId: here.sessionId, userId: user.id, context: NO_CONTEXT })).toEqual({ endedSessions: 1 });
    expect(await loadActiveSession(here.sessionId, NO_CONTEXT)).toMatchObject({ mustChangePassword: false });
    expect(await loadActiveSession(elsewhere.sessionId, NO_CONTEXT)).toBeNull();
    expect((await signInWithPassword({ username: user.username, password: temporary, context: NO_CONTEXT })).ok).toBe(false);

    const events = await db.auditEvent.findMany({ where: { actorId: user.id, action: "auth.password_change" }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["FAILURE", "SUCCESS"]);
    expect(events[1]?.details).toEqual({ endedSessions: 1, forced: true });
  });

  it("accounts created on the Pengguna page must change the password; the CLI's bootstrap accounts need not", async () => {
    const input = { name: "Baru", role: "AUDITOR" as const, regionCodes: [], password: "Awal-Dari-Admin-5813" };
    const fromPage = await createUser({ input: { ...input, username: `hal-${randomBytes(3).toString("hex")}` }, actor: SYSTEM_ACTOR, context: NO_CONTEXT, mustChangePassword: true });
    const fromCli = await createUser({ input: { ...input, username: `cli-${randomBytes(3).toString("hex")}` }, actor: SYSTEM_ACTOR, context: NO_CONTEXT });
    expect([fromPage.mustChangePassword, fromCli.mustChangePassword]).toEqual([true, false]);
  });
});
