import { randomBytes, randomUUID } from "node:crypto";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/throwaway-database.ts";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import type { Permission } from "@/lib/permissions.ts";
import type { Authorized } from "@/server/access/guard.ts";
import type { AuditActor } from "@/server/audit/append-audit-event.ts";
import { createAuthSession, loadActiveSession } from "@/server/auth/sessions.ts";
import { signInWithPassword } from "@/server/auth/sign-in-with-password.ts";
import { db, disconnectDb, setDatabaseUrl } from "@/server/db/client.ts";
import { DomainError } from "@/server/errors.ts";
import type { RequestContext } from "@/server/http/request-context.ts";
import { ensureRegionsLoaded } from "@/server/regions/load-regions.ts";
import { createUser } from "@/server/users/create-user.ts";
import { resetUserPassword } from "@/server/users/reset-user-password.ts";
import { setUserActive } from "@/server/users/set-user-active.ts";
import { unlockUser } from "@/server/users/unlock-user.ts";
import { updateUser } from "@/server/users/update-user.ts";
import type { UserDto } from "@/server/users/user-dto.ts";

/*
 * The "last active admin" rule depends on every admin in the database, and other test files
 * create admins concurrently in the shared one. So this file runs against a database of its own
 * (as tests/integration/regions.test.ts does): the rule can then be tested exactly.
 */

// The pengguna page's actions call the guard, which needs a Next request and a session. Tests
// stand in for it with a chosen actor; everything after the guard is the real code.
const guard = vi.hoisted(() => ({
  authorized: null as Authorized | null,
  calls: [] as string[],
  deny: false,
}));
vi.mock("@/server/access/guard.ts", () => ({
  requirePermission: async (permission: Permission) => {
    guard.calls.push(permission);
    if (guard.deny) throw new Error("NEXT_HTTP_ERROR_FALLBACK;403");
    if (!guard.authorized) throw new Error("test set-up: no actor");
    return guard.authorized;
  },
}));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => void revalidated.push(path) }));

const sharedUrl = process.env.DATABASE_URL as string;
let privateDb: ThrowawayDatabase;

const CLI: AuditActor = { id: null, username: "cli:vitest", role: "CLI" };
const PASSWORD = "kata-sandi-uji-123";

function context(): RequestContext {
  return { ip: "127.0.0.1", userAgent: "vitest", requestId: randomUUID() };
}

function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

function actorOf(user: UserDto): AuditActor {
  return { id: user.id, username: user.username, role: user.role };
}

/** Factory: a user with sensible defaults, created (and audited) by the CLI actor. */
async function makeUser(overrides: Partial<{ username: string; name: string; role: UserDto["role"]; regionCodes: string[]; password: string }> = {}) {
  const role = overrides.role ?? "OFFICER";
  return createUser({
    input: {
      username: overrides.username ?? uniqueName(role.toLowerCase()),
      name: overrides.name ?? "Pengguna Uji",
      role,
      regionCodes: overrides.regionCodes ?? (role === "OFFICER" || role === "SUPERVISOR" ? ["32.73"] : []),
      password: overrides.password ?? PASSWORD,
    },
    actor: CLI,
    context: context(),
  });
}

function eventsOf(ctx: RequestContext) {
  return db.auditEvent.findMany({ where: { requestId: ctx.requestId }, orderBy: { id: "asc" } });
}

async function openSession(userId: string) {
  return db.$transaction((tx) => createAuthSession(tx, userId, context()));
}

beforeAll(async () => {
  privateDb = await createThrowawayDatabase("users");
  await ensureRegionsLoaded({ url: privateDb.url });
  await disconnectDb();
  setDatabaseUrl(privateDb.url);
});

afterAll(async () => {
  await disconnectDb();
  setDatabaseUrl(sharedUrl);
  await privateDb.drop();
});

describe("createUser", () => {
  it("creates the user, returns a DTO without secrets and audits it in the same transaction", async () => {
    const ctx = context();
    const username = uniqueName("Petugas.Baru").toUpperCase();
    const user = await createUser({
      input: { username, name: " Siti Rahma ", role: "OFFICER", regionCodes: ["3273", "32.04", "32.73"], password: PASSWORD },
      actor: CLI,
      context: ctx,
    });
    expect(user).toMatchObject({ username: username.toLowerCase(), name: "Siti Rahma", role: "OFFICER", active: true, regionCodes: ["32.04", "32.73"] });
    expect(Object.keys(user)).not.toContain("passwordHash");

    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.create", outcome: "SUCCESS", objectType: "user", objectId: user.id, actorUsername: CLI.username });
    expect(events[0]?.details).toEqual({ username: user.username, role: "OFFICER", regionCodes: ["32.04", "32.73"], mustChangePassword: false });
  });

  it("gives admins and auditors no regions: they are not region-scoped", async () => {
    const auditor = await makeUser({ role: "AUDITOR", regionCodes: ["32.73"] });
    expect(auditor.regionCodes).toEqual([]);
  });

  it("refuses a taken user name and writes nothing", async () => {
    const first = await makeUser();
    const ctx = context();
    const attempt = createUser({
      input: { username: first.username, name: "Lain", role: "AUDITOR", regionCodes: [], password: PASSWORD },
      actor: CLI,
      context: ctx,
    });
    await expect(attempt).rejects.toThrow(DomainError);
    await expect(attempt).rejects.toMatchObject({ field: "username" });
    expect(await eventsOf(ctx)).toEqual([]);
  });

  it("refuses an unknown region, rolling back the user and its audit event", async () => {
    const ctx = context();
    const username = uniqueName("tanpa-wilayah");
    await expect(
      createUser({ input: { username, name: "X", role: "OFFICER", regionCodes: ["99.99"], password: PASSWORD }, actor: CLI, context: ctx }),
    ).rejects.toMatchObject({ name: "DomainError", field: "regionCodes" });
    expect(await db.user.findUnique({ where: { username } })).toBeNull();
    expect(await eventsOf(ctx)).toEqual([]);
  });

  it("refuses a password shorter than 12 characters, and a scoped role without regions", async () => {
    const ctx = context();
    const short = createUser({
      input: { username: uniqueName("pendek"), name: "X", role: "AUDITOR", regionCodes: [], password: "a".repeat(11) },
      actor: CLI,
      context: ctx,
    });
    await expect(short).rejects.toThrow(ZodError);
    await expect(short).rejects.toThrow(/Kata sandi minimal 12 karakter/);
    await expect(
      createUser({ input: { username: uniqueName("tanpa"), name: "X", role: "SUPERVISOR", regionCodes: [], password: PASSWORD }, actor: CLI, context: ctx }),
    ).rejects.toThrow(/minimal satu wilayah/);
    expect(await eventsOf(ctx)).toEqual([]);
  });
});

describe("updateUser", () => {
  it("records name, role and region changes as separate events of one transaction", async () => {
    const adminUser = await makeUser({ role: "ADMIN" });
    const user = await makeUser({ role: "OFFICER", regionCodes: ["32.73"] });
    const ctx = context();
    const updated = await updateUser({
      input: { userId: user.id, name: "Nama Baru", role: "SUPERVISOR", regionCodes: ["32", "32.73"] },
      actor: actorOf(adminUser),
      session: { reauthenticatedAt: new Date() },
      context: ctx,
    });
    expect(updated).toMatchObject({ name: "Nama Baru", role: "SUPERVISOR", regionCodes: ["32", "32.73"] });

    const events = await eventsOf(ctx);
    expect(events.map((e) => e.action)).toEqual(["user.update", "user.role_change", "user.region_change"]);
    expect(events.every((e) => e.objectId === user.id && e.outcome === "SUCCESS" && e.actorId === adminUser.id)).toBe(true);
    expect(events[1]?.details).toEqual({ from: "OFFICER", to: "SUPERVISOR" });
    expect(events[2]?.details).toEqual({ from: ["32.73"], to: ["32", "32.73"] });
  });

  it("writes nothing when nothing changed", async () => {
    const user = await makeUser({ role: "OFFICER", regionCodes: ["32.73"], name: "Tetap" });
    const ctx = context();
    await updateUser({ input: { userId: user.id, name: "Tetap", role: "OFFICER", regionCodes: ["3273"] }, actor: CLI, session: { reauthenticatedAt: new Date() }, context: ctx });
    expect(await eventsOf(ctx)).toEqual([]);
  });

  it("refuses an admin's change of their own role, but lets them rename themselves", async () => {
    const self = await makeUser({ role: "ADMIN" });
    const ctx = context();
    await expect(
      updateUser({ input: { userId: self.id, name: self.name, role: "AUDITOR", regionCodes: [] }, actor: actorOf(self), session: { reauthenticatedAt: new Date() }, context: ctx }),
    ).rejects.toThrow("Anda tidak dapat mengubah peran Anda sendiri.");
    expect(await eventsOf(ctx)).toEqual([]);
    expect((await db.user.findUniqueOrThrow({ where: { id: self.id } })).role).toBe("ADMIN");

    await updateUser({ input: { userId: self.id, name: "Admin Berganti Nama", role: "ADMIN", regionCodes: [] }, actor: actorOf(self), session: { reauthenticatedAt: new Date() }, context: ctx });
    expect((await eventsOf(ctx)).map((e) => e.action)).toEqual(["user.update"]);
  });
});

describe("setUserActive", () => {
  it("deactivates a user, ends their sessions in the same transaction, and can activate again", async () => {
    const adminUser = await makeUser({ role: "ADMIN" });
    const user = await makeUser();
    const sessions = [await openSession(user.id), await openSession(user.id)];
    expect(await loadActiveSession(sessions[0]!.id, context())).not.toBeNull();

    const ctx = context();
    await setUserActive({ input: { userId: user.id, active: false }, actor: actorOf(adminUser), context: ctx });
    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.deactivate", objectId: user.id, outcome: "SUCCESS", details: { endedSessions: 2 } });
    const stored = await db.authSession.findMany({ where: { userId: user.id } });
    expect(stored.every((s) => s.revokedAt !== null && s.revokeReason === "user_inactive")).toBe(true);
    expect(await loadActiveSession(sessions[1]!.id, context())).toBeNull();
    expect((await signInWithPassword({ username: user.username, password: PASSWORD, context: context() })).ok).toBe(false);

    // Deactivating twice changes nothing and records nothing.
    const again = context();
    await setUserActive({ input: { userId: user.id, active: false }, actor: actorOf(adminUser), context: again });
    expect(await eventsOf(again)).toEqual([]);

    const back = context();
    await setUserActive({ input: { userId: user.id, active: true }, actor: actorOf(adminUser), context: back });
    expect((await eventsOf(back)).map((e) => [e.action, e.objectId])).toEqual([["user.activate", user.id]]);
    expect((await signInWithPassword({ username: user.username, password: PASSWORD, context: context() })).ok).toBe(true);
  });

  it("refuses to deactivate one's own account", async () => {
    const self = await makeUser({ role: "ADMIN" });
    const ctx = context();
    await expect(setUserActive({ input: { userId: self.id, active: false }, actor: actorOf(self), context: ctx })).rejects.toThrow(
      "Anda tidak dapat menonaktifkan akun Anda sendiri.",
    );
    expect(await eventsOf(ctx)).toEqual([]);
  });
});

describe("resetUserPassword", () => {
  it("refuses a password under 12 characters and changes nothing", async () => {
    const user = await makeUser();
    const ctx = context();
    await expect(resetUserPassword({ input: { userId: user.id, password: "pendek-11ch" }, actor: CLI, context: ctx })).rejects.toThrow(ZodError);
    expect(await eventsOf(ctx)).toEqual([]);
    expect((await signInWithPassword({ username: user.username, password: PASSWORD, context: context() })).ok).toBe(true);
  });

  it("sets the new password, lifts a lockout, ends sessions and audits the reset", async () => {
    const user = await makeUser();
    const session = await openSession(user.id);
    await db.user.update({ where: { id: user.id }, data: { failedLogins: 5, lockedUntil: new Date(Date.now() + 10 * 60_000) } });

    const ctx = context();
    const newPassword = "kata-sandi-baru-456";
    await resetUserPassword({ input: { userId: user.id, password: newPassword }, actor: CLI, context: ctx });
    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.password_reset", objectId: user.id, outcome: "SUCCESS", details: { endedSessions: 1 } });
    expect(JSON.stringify(events[0]?.details)).not.toContain(newPassword);
    expect(await loadActiveSession(session.id, context())).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLogins: true, lockedUntil: true } })).toEqual({
      failedLogins: 0,
      lockedUntil: null,
    });
    expect((await signInWithPassword({ username: user.username, password: PASSWORD, context: context() })).ok).toBe(false);
    expect((await signInWithPassword({ username: user.username, password: newPassword, context: context() })).ok).toBe(true);
  });
});

describe("unlockUser", () => {
  it("clears a running lockout and audits it", async () => {
    const user = await makeUser();
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    await db.user.update({ where: { id: user.id }, data: { failedLogins: 5, lockedUntil } });

    const ctx = context();
    await unlockUser({ input: { userId: user.id }, actor: CLI, context: ctx });
    const events = await eventsOf(ctx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "user.unlock", objectType: "user", objectId: user.id, outcome: "SUCCESS" });
    expect(events[0]?.details).toEqual({ lockedUntil: lockedUntil.toISOString() });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedLogins: true, lockedUntil: true } })).toEqual({
      failedLogins: 0,
      lockedUntil: null,
    });
    expect((await signInWithPassword({ username: user.username, password: PASSWORD, context: context() })).ok).toBe(true);
  });

  it("refuses an account that is not locked (or whose lock ran out) and writes nothing", async () => {
    const user = await makeUser();
    const ctx = context();
    await expect(unlockUser({ input: { userId: user.id }, actor: CLI, context: ctx })).rejects.toThrow(DomainError);
    await db.user.update({ where: { id: user.id }, data: { failedLogins: 5, lockedUntil: new Date(Date.now() - 1000) } });
    await expect(unlockUser({ input: { userId: user.id }, actor: CLI, context: ctx })).rejects.toThrow("tidak sedang terkunci");
    await expect(unlockUser({ input: { userId: randomUUID() }, actor: CLI, context: ctx })).rejects.toThrow("Pengguna tidak ditemukan.");
    await expect(unlockUser({ input: { userId: "bukan-uuid" }, actor: CLI, context: ctx })).rejects.toThrow(ZodError);
    expect(await eventsOf(ctx)).toEqual([]);
  });
});

describe("the last active admin", () => {
  /** Leaves `keep` as the only active admin in this file's database. */
  async function onlyActiveAdmin(keep: UserDto) {
    const others = await db.user.findMany({ where: { role: "ADMIN", active: true, id: { not: keep.id } }, select: { id: true } });
    for (const other of others) {
      await setUserActive({ input: { userId: other.id, active: false }, actor: CLI, context: context() });
    }
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  }

  it("cannot be deactivated or demoted, and nothing is recorded", async () => {
    const last = await makeUser({ role: "ADMIN" });
    await onlyActiveAdmin(last);

    const ctx = context();
    await expect(setUserActive({ input: { userId: last.id, active: false }, actor: CLI, context: ctx })).rejects.toThrow(
      "Admin aktif terakhir tidak dapat dinonaktifkan.",
    );
    await expect(
      updateUser({ input: { userId: last.id, name: last.name, role: "AUDITOR", regionCodes: [] }, actor: CLI, session: { reauthenticatedAt: new Date() }, context: ctx }),
    ).rejects.toThrow("Admin aktif terakhir tidak dapat diubah perannya.");
    expect(await eventsOf(ctx)).toEqual([]);
    expect(await db.user.findUniqueOrThrow({ where: { id: last.id }, select: { role: true, active: true } })).toEqual({ role: "ADMIN", active: true });

    // With a second active admin, the same demotion goes through.
    const second = await makeUser({ role: "ADMIN" });
    const ok = context();
    await updateUser({ input: { userId: last.id, name: last.name, role: "AUDITOR", regionCodes: [] }, actor: actorOf(second), session: { reauthenticatedAt: new Date() }, context: ok });
    expect((await eventsOf(ok)).map((e) => e.action)).toEqual(["user.role_change"]);
  });

  it("survives two admins deactivating each other at the same moment", async () => {
    const a = await makeUser({ role: "ADMIN" });
    await onlyActiveAdmin(a);
    const b = await makeUser({ role: "ADMIN" });

    const results = await Promise.allSettled([
      setUserActive({ input: { userId: b.id, active: false }, actor: actorOf(a), context: context() }),
      setUserActive({ input: { userId: a.id, active: false }, actor: actorOf(b), context: context() }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refusal = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refusal.reason).toBeInstanceOf(DomainError);
    expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
  });
});

describe("pengguna server actions (defineAction)", () => {
  let actions: typeof import("@/app/(app)/pengguna/actions.ts");
  let adminUser: UserDto;

  beforeAll(async () => {
    actions = await import("@/app/(app)/pengguna/actions.ts");
    adminUser = await makeUser({ role: "ADMIN" });
  });

  beforeEach(() => {
    guard.calls.length = 0;
    guard.deny = false;
    revalidated.length = 0;
    guard.authorized = {
      actor: {
        sessionId: randomUUID(),
        userId: adminUser.id,
        username: adminUser.username,
        name: adminUser.name,
        role: "ADMIN",
        regionCodes: [],
        reauthenticatedAt: new Date(),
        mustChangePassword: false,
        secondFactorEnabled: true,
      },
      scope: { kind: "all" },
      context: context(),
      auditActor: actorOf(adminUser),
    };
  });

  function form(fields: Record<string, string | string[]>): FormData {
    const data = new FormData();
    for (const [key, value] of Object.entries(fields)) {
      for (const item of [value].flat()) data.append(key, item);
    }
    return data;
  }

  it("exports only actions, each requiring users.manage", () => {
    const exported = Object.entries(actions);
    expect(exported.length).toBeGreaterThanOrEqual(6);
    for (const [name, action] of exported) {
      expect(typeof action, name).toBe("function");
      expect((action as { permission?: string }).permission, name).toBe("users.manage");
    }
  });

  it("asks the guard before reading the form: a refusal runs nothing", async () => {
    guard.deny = true;
    const username = uniqueName("ditolak");
    await expect(
      actions.createUserAction({ status: "idle" }, form({ username, name: "X", role: "AUDITOR", password: PASSWORD })),
    ).rejects.toThrow("403");
    expect(guard.calls).toEqual(["users.manage"]);
    expect(await db.user.findUnique({ where: { username } })).toBeNull();
  });

  it("returns the shared schema's messages per field, in Indonesian", async () => {
    const state = await actions.createUserAction({ status: "idle" }, form({ username: "A!", name: "", role: "", password: "pendek" }));
    expect(state.status).toBe("error");
    expect(state.fieldErrors).toMatchObject({
      username: expect.stringMatching(/^Nama pengguna/),
      name: "Nama wajib diisi.",
      role: "Pilih peran.",
      password: "Kata sandi minimal 12 karakter.",
    });
    expect(state.message).toBe("Periksa kembali isian yang ditandai.");
    expect(revalidated).toEqual([]);
  });

  it("creates a user with repeated region fields, audits it as the signed-in admin and revalidates the page", async () => {
    const username = uniqueName("lewat-form");
    const state = await actions.createUserAction(
      { status: "idle" },
      form({ username, name: "Lewat Formulir", role: "OFFICER", regionCodes: ["32.73", "3204"], password: PASSWORD }),
    );
    expect(state).toEqual({ status: "success", message: `Pengguna ${username} dibuat.` });
    expect(revalidated).toEqual(["/pengguna"]);
    const created = await db.user.findUniqueOrThrow({ where: { username }, include: { regions: true } });
    expect(created.regions.map((r) => r.regionCode).sort()).toEqual(["32.04", "32.73"]);
    const [event] = await db.auditEvent.findMany({ where: { action: "user.create", objectId: created.id } });
    expect(event).toMatchObject({ actorId: adminUser.id, requestId: guard.authorized!.context.requestId });
  });

  it("turns a rule's refusal into the form's message, on the field it concerns", async () => {
    const state = await actions.createUserAction(
      { status: "idle" },
      form({ username: adminUser.username, name: "Kembar", role: "AUDITOR", password: PASSWORD }),
    );
    expect(state).toEqual({
      status: "error",
      message: `Nama pengguna "${adminUser.username}" sudah dipakai.`,
      fieldErrors: { username: `Nama pengguna "${adminUser.username}" sudah dipakai.` },
    });

    const own = await actions.updateUserAction(
      { status: "idle" },
      form({ userId: adminUser.id, name: adminUser.name, role: "AUDITOR" }),
    );
    expect(own).toMatchObject({ status: "error", message: "Anda tidak dapat mengubah peran Anda sendiri.", fieldErrors: { role: expect.any(String) } });
  });

  it("deactivates, resets and unlocks through their actions", async () => {
    const user = await makeUser();
    expect(await actions.setUserActiveAction({ status: "idle" }, form({ userId: user.id, active: "false" }))).toMatchObject({ status: "success" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(false);

    expect(await actions.resetUserPasswordAction({ status: "idle" }, form({ userId: user.id, password: "kurang" }))).toMatchObject({
      status: "error",
      fieldErrors: { password: "Kata sandi minimal 12 karakter." },
    });

    const unlock = await actions.unlockUserAction({ status: "idle" }, form({ userId: user.id }));
    expect(unlock).toEqual({ status: "error", message: `Akun ${user.username} tidak sedang terkunci.` });
  });

  it("searches provinces and regencies only, for the region picker", async () => {
    const state = await actions.searchAssignableRegionsAction({ status: "idle" }, form({ query: "bandung" }));
    expect(state.status).toBe("success");
    const codes = state.result?.map((r) => r.code) ?? [];
    expect(codes).toContain("32.73");
    expect(codes).toContain("32.04");
    expect(state.result?.every((r) => r.level === "PROVINCE" || r.level === "REGENCY")).toBe(true);

    const byCode = await actions.searchAssignableRegionsAction({ status: "idle" }, form({ query: "3273" }));
    expect(byCode.result?.[0]).toEqual({ code: "32.73", name: "Kota Bandung", level: "REGENCY" });
  });
});
