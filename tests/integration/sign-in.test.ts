import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client.ts";
import { loadActiveSession, revokeAuthSession } from "@/server/auth/sessions.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { setUserActive } from "@/server/users/set-user-active.ts";
import { updateUser } from "@/server/users/update-user.ts";
import { SYSTEM_ACTOR } from "@/server/audit/system-actor.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createTestUser, NO_CONTEXT } from "../support/factories.ts";

beforeAll(async () => {
  await ensureRegionsLoaded();
});

const eventsFor = (userId: string) =>
  db.auditEvent.findMany({ where: { actorId: userId }, orderBy: { id: "asc" }, select: { action: true, outcome: true, reason: true } });

describe("sign-in with password", () => {
  it("signs in with the right password and records the event", async () => {
    const user = await createTestUser();
    const result = await signInWithPassword({ username: user.username.toUpperCase(), password: user.password, context: NO_CONTEXT });
    expect(result.ok).toBe(true);
    const events = await eventsFor(user.id);
    expect(events.at(-1)).toMatchObject({ action: "auth.sign_in", outcome: "SUCCESS" });
  });

  it("answers a wrong password and an unknown user identically", async () => {
    const user = await createTestUser();
    const wrong = await signInWithPassword({ username: user.username, password: "bukan-kata-sandinya", context: NO_CONTEXT });
    const unknown = await signInWithPassword({ username: `tidak-ada-${user.username}`, password: "apa-saja-12345", context: NO_CONTEXT });
    expect(wrong).toEqual({ ok: false });
    expect(unknown).toEqual(wrong);
  });

  it("locks the account after five failures, refuses the right password for 15 minutes, then lets it in", async () => {
    const user = await createTestUser();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signInWithPassword({ username: user.username, password: `salah-${attempt}-xxxxxx`, context: NO_CONTEXT })).ok).toBe(false);
    }
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT })).ok).toBe(false);

    const actions = (await eventsFor(user.id)).map((e) => e.action);
    expect(actions.filter((a) => a === "auth.lockout")).toHaveLength(1);
    expect((await eventsFor(user.id)).at(-1)).toMatchObject({ action: "auth.sign_in_failed", reason: "locked" });

    // Fifteen minutes later (moved back in the database) the right password works again.
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect((await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedLogins).toBe(0);
  });

  it("refuses a deactivated user with the same answer", async () => {
    const user = await createTestUser();
    await setUserActive({ input: { userId: user.id, active: false }, actor: SYSTEM_ACTOR, context: NO_CONTEXT });
    expect(await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT })).toEqual({ ok: false });
  });
});

describe("server-side sessions", () => {
  async function signedIn() {
    const user = await createTestUser();
    const result = await signInWithPassword({ username: user.username, password: user.password, context: NO_CONTEXT });
    if (!result.ok) throw new Error("sign-in failed");
    return { user, sessionId: result.sessionId };
  }

  it("reads role and regions fresh from the database on every check", async () => {
    const { user, sessionId } = await signedIn();
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toMatchObject({ role: "OFFICER", regionCodes: ["32.73"] });
    await updateUser({
      input: { userId: user.id, name: user.name, role: "SUPERVISOR", regionCodes: ["32", "35.78"] },
      actor: SYSTEM_ACTOR,
      session: { reauthenticatedAt: new Date() },
      context: NO_CONTEXT,
    });
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toMatchObject({ role: "SUPERVISOR", regionCodes: ["32", "35.78"] });
  });

  it("carries the user's unread notices for the bell, counted afresh on every check", async () => {
    const { user, sessionId } = await signedIn();
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toMatchObject({ unreadNotifications: 0 });
    await db.notification.createMany({
      data: [
        { userId: user.id, kind: "LEAD_ASSIGNED", title: "satu" },
        { userId: user.id, kind: "LEAD_ASSIGNED", title: "dua" },
        { userId: user.id, kind: "LEAD_ASSIGNED", title: "dibaca", readAt: new Date() },
      ],
    });
    // Someone else's notice is not counted.
    await db.notification.create({ data: { userId: (await createTestUser()).id, kind: "LEAD_ASSIGNED", title: "lain" } });
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toMatchObject({ unreadNotifications: 2 });
    await db.notification.updateMany({ where: { userId: user.id }, data: { readAt: new Date() } });
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toMatchObject({ unreadNotifications: 0 });
  });

  it("refuses a session after sign-out (a replayed cookie)", async () => {
    const { sessionId } = await signedIn();
    await revokeAuthSession(sessionId, "sign_out", NO_CONTEXT);
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toBeNull();
  });

  it("refuses a session of a user deactivated meanwhile", async () => {
    const { user, sessionId } = await signedIn();
    await setUserActive({ input: { userId: user.id, active: false }, actor: SYSTEM_ACTOR, context: NO_CONTEXT });
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).toBeNull();
  });

  it("ends a session idle for 30 minutes and one older than 8 hours", async () => {
    const idle = await signedIn();
    await db.authSession.update({ where: { id: idle.sessionId }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    expect(await loadActiveSession(idle.sessionId, NO_CONTEXT)).toBeNull();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: idle.sessionId } })).revokeReason).toBe("idle_timeout");

    const old = await signedIn();
    await db.authSession.update({ where: { id: old.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await loadActiveSession(old.sessionId, NO_CONTEXT)).toBeNull();
    expect((await db.authSession.findUniqueOrThrow({ where: { id: old.sessionId } })).revokeReason).toBe("absolute_timeout");
  });

  it("keeps an active session alive", async () => {
    const { sessionId } = await signedIn();
    await db.authSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect(await loadActiveSession(sessionId, NO_CONTEXT)).not.toBeNull();
    const row = await db.authSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(5_000);
  });

  it("ignores a session id that is not a UUID", async () => {
    expect(await loadActiveSession("'; DROP TABLE app_user; --", NO_CONTEXT)).toBeNull();
  });
});
